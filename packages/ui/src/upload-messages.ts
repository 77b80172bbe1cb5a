/**
 * The English strings of the CSV upload. They load with its lazy chunk; it
 * looks them up with `useMessages(uploadMessages)`.
 */
export const uploadMessages = {
  'upload.title': 'Upload a CSV',
  'upload.description':
    'First Name and Email are required; Last Name and Company are optional. Each row becomes a referrer.',
  'upload.drop': 'Drag and drop a CSV file here, or',
  'upload.choose': 'Choose CSV file',
  'upload.template': 'Download template',
  'upload.file': 'File: {name}',
  'upload.reading': 'Reading the file…',
  'upload.notCsv':
    '"{name}" is not a CSV file. Choose a .csv or .tsv file (comma, semicolon or tab separated).',
  'upload.empty': '"{name}" has no rows.',
  'upload.readError': "Couldn't read this file: {message}",
  'upload.ignoreFirstRow': 'Ignore first row (it holds column headers)',
  'upload.mapping': 'Column mapping',
  'upload.columnHeader': 'Column',
  'upload.column': 'Column {number}',
  'upload.columnFor': 'Map column {number} ({sample})',
  'upload.doNotMap': 'Do Not Map Column',
  'upload.missing': 'Map a column to {fields} to import.',
  'upload.preview': 'First rows of the file',
  'upload.import': 'Import',
  'upload.importing': 'Importing…',
  'upload.importError': 'Import failed: {message}',
  'upload.results': 'Import results',
  'upload.summary': '{created} created, {duplicates} duplicates, {invalid} invalid.',
  'upload.row': 'Row',
  'upload.status': 'Status',
  'upload.details': 'Details',
  'upload.status.created': 'Created',
  'upload.status.duplicate': 'Duplicate',
  'upload.status.invalid': 'Invalid',
  'upload.another': 'Upload another file',
};
