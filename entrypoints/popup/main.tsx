import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import { readPopupData } from '@/components/popup/usePopupData';
import '@/components/popup/popup.css';

// Marks for `npm run bench:popup`: where the time to the first paint of cached results goes.
performance.mark('mad:script-start');
const root = document.getElementById('app');
if (root === null) throw new Error('popup: #app is missing from index.html');
// Stored state first, then the first render: the first frame shows the cached results rather than a skeleton
// followed by a second frame. If storage cannot be read, the popup still opens (and reads again itself).
const initialData = await readPopupData().catch(() => undefined);
performance.mark('mad:state-read');
render(<Popup initialData={initialData} />, root);
