import { render } from 'preact';
import { ExplainPage, type ExplainPageDeps } from '@/components/panel/ExplainPage';
import { explainRequestIdFromUrl, findExplainRequest } from '@/utils/contextmenu/explain-requests';
import { classify } from '@/utils/diagnosis/classify';
import { sendMessage } from '@/utils/messaging/client';
import { explainRequestsItem } from '@/utils/storage';

// The page's parts: the selection from session storage (by the id in the URL); the diagnosis runs here, with the
// same classifier as everywhere else (and without touching the popup's own explain draft); checks with the key go
// through the background.
const deps: ExplainPageDeps = {
  async loadSelection() {
    const id = explainRequestIdFromUrl(location.href);
    if (id === null) return null;
    return findExplainRequest(await explainRequestsItem.getValue(), id, Date.now())?.text ?? null;
  },
  explain: async (text) => classify(text),
  checkModel: (model) => sendMessage('content:checkModel', { model }),
  checkKey: () => sendMessage('content:recheck', {}),
  openPopup: () => sendMessage('content:openPopup', {}),
};

const root = document.getElementById('app');
if (root === null) throw new Error('explain page: #app is missing from index.html');
render(<ExplainPage deps={deps} />, root);

// Try by hand: select "You exceeded your current quota" on any page, right-click → "Explain this OpenAI error".
