// Everything a host can load from the kit: every export of the three packages
// (lazy chunks included, as the bundle inlines them) and the stylesheet.
import * as core from '@referkit/core';
import * as react from '@referkit/react';
import * as ui from '@referkit/ui';
import '@referkit/ui/styles.css';

console.log(core, react, ui);
