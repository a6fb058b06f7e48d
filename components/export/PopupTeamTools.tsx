import { i18n } from '#i18n';
import { ExportMyData, type ExportMyDataProps } from './ExportMyData';

/** The popup's team tools in one element (PopupApp stays one import and one line): "Export my data". */
export function PopupTeamTools(props: ExportMyDataProps) {
  return (
    <details className="team-tools">
      <summary>{i18n.t('report.export.title')}</summary>
      <ExportMyData {...props} />
    </details>
  );
}
