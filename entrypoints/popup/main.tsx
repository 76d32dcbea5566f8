import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import '@/components/popup/popup.css';

const root = document.getElementById('app');
if (root === null) throw new Error('popup: #app is missing from index.html');
render(<Popup />, root);
