import { i18n } from '#i18n';
import { browser } from '#imports';
import { ExportMyData, type ExportMyDataProps } from './ExportMyData';

export interface PopupTeamToolsProps extends ExportMyDataProps {
  openReport?: () => void;
}

const openReportTab = () => void browser.tabs.create({ url: browser.runtime.getURL('/report.html') });

/**
 * The popup's team tools in one element (PopupApp stays one import and one line):
 * "Export my data" and the link to the team report.
 */
export function PopupTeamTools({ openReport = openReportTab, ...exportProps }: PopupTeamToolsProps) {
  return (
    <details className="team-tools">
      <summary>{i18n.t('report.export.title')}</summary>
      <ExportMyData {...exportProps} />
      <p>
        <button type="button" className="link" onClick={openReport}>
          {i18n.t('report.export.openReport')}
        </button>
      </p>
    </details>
  );
}
