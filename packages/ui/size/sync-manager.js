// What a host loads when it renders SyncManager: its code without the lazy
// panel (the size config leaves lazy chunks out) and the kit's stylesheet.
import { SyncManager } from '@referkit/ui';
import '@referkit/ui/styles.css';

console.log(SyncManager);
