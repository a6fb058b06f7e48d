import { createRoot } from 'react-dom/client';
import { ReportApp } from '../../components/report/ReportApp';
import '../../components/ui/page.css';

// Wiring only: the team report reads the team database and the lead's own (same origin).
createRoot(document.getElementById('root')!).render(<ReportApp />);
