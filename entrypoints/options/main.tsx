import { createRoot } from 'react-dom/client';
import { SettingsPage } from '../../components/options/SettingsPage';
import '../../components/ui/page.css';

createRoot(document.getElementById('root')!).render(<SettingsPage />);
