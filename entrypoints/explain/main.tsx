import { render } from 'preact';
import { ExplainPage, type ExplainPageDeps } from '@/components/panel/ExplainPage';
import { explainRequestIdFromUrl, findExplainRequest } from '@/utils/contextmenu/explain-requests';
import { sendMessage } from '@/utils/messaging/client';
import { explainRequestsItem } from '@/utils/storage';

// The page's parts: the selection from session storage (by the id in the URL), everything else from the background.
const deps: ExplainPageDeps = {
  async loadSelection() {
    const id = explainRequestIdFromUrl(location.href);
    if (id === null) return null;
    return findExplainRequest(await explainRequestsItem.getValue(), id, Date.now())?.text ?? null;
  },
  explain: async (text) => (await sendMessage('page:explain', { text })).diagnosis,
  checkModel: (model) => sendMessage('content:checkModel', { model }),
  checkKey: () => sendMessage('content:recheck', {}),
  openPopup: () => sendMessage('content:openPopup', {}),
};

const root = document.getElementById('app');
if (root === null) throw new Error('explain page: #app is missing from index.html');
render(<ExplainPage deps={deps} />, root);

// Try by hand: select "You exceeded your current quota" on any page, right-click → "Explain this OpenAI error".
