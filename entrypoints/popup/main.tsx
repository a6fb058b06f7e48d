import { createRoot } from 'react-dom/client';
import { i18n } from '#i18n';
createRoot(document.getElementById('root')!).render(<h1>{i18n.t('extName')}</h1>);
