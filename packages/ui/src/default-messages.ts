import { apiMessages } from './api-messages';
import { connectMessages } from './connect-messages';
import { manageMessages } from './manage-messages';
import { manualMessages } from './manual-messages';
import { modalMessages } from './modal-messages';
import { progressMessages } from './progress-messages';
import { runDetailMessages } from './run-detail-messages';
import { syncMessages } from './sync-messages';
import { uploadMessages } from './upload-messages';
import { wizardMessages } from './wizard-messages';

/** A key of {@link defaultMessages}. */
export type ReferkitMessageKey =
  | keyof typeof modalMessages
  | keyof typeof syncMessages
  | keyof typeof manualMessages
  | keyof typeof wizardMessages
  | keyof typeof uploadMessages
  | keyof typeof connectMessages
  | keyof typeof apiMessages
  | keyof typeof progressMessages
  | keyof typeof manageMessages
  | keyof typeof runDetailMessages;

/** Every string of the kit by key; pass a `Partial` of it to `ReferkitProvider`'s `messages`. */
export type ReferkitMessages = Record<ReferkitMessageKey, string>;

/**
 * Every string the kit shows, in English. Override any of them through
 * `ReferkitProvider`'s `messages` prop. `{name}` placeholders are filled in;
 * `{brandName}` is always available (the provider's `brandName`). The strings
 * live in one table per part so that the wizard's, the CSV upload's, the
 * Connect Stripe dialog's and the API panel's ship inside their lazy chunks;
 * this object joins them (and is left out of a bundle that does not use it).
 */
export const defaultMessages: ReferkitMessages = /* @__PURE__ */ Object.assign(
  {},
  modalMessages,
  syncMessages,
  manualMessages,
  wizardMessages,
  uploadMessages,
  connectMessages,
  apiMessages,
  progressMessages,
  manageMessages,
  runDetailMessages,
);
