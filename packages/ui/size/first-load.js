// What a host loads when it renders the modal: AddReferrersModal's code (the
// lazy chunks of the wizard and the CSV upload are left out by the size
// config) and the kit's one stylesheet, which the host imports with it.
import { AddReferrersModal } from '@referkit/ui';
import '@referkit/ui/styles.css';

console.log(AddReferrersModal);
