// `@referkit/ui/csv-upload`: the CSV upload and its strings. A lazy part (see
// `stripe-sync-wizard.entry.ts`): the modal's Upload option loads it with import().
export { CsvUpload, type CsvUploadProps } from './csv-upload';
export { uploadMessages } from './upload-messages';
