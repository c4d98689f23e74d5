import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n/t.ts';
import type { MyRoleResult } from '../../lib/messaging/dashboard-schemas.ts';

export interface DashboardLinkApi {
  getMyRole(): Promise<MyRoleResult>;
  openDashboard(): void;
}

/** "Team dashboard", for leads and admins only (GET /v1/me); nothing at all for agents or when offline. */
export function DashboardLink({ api }: { api: DashboardLinkApi }) {
  const [lead, setLead] = useState(false);
  useEffect(() => {
    api
      .getMyRole()
      .then((me) => setLead(me.ok && (me.role === 'lead' || me.role === 'admin')))
      .catch(() => setLead(false));
  }, [api]);
  if (!lead) return null;
  return (
    <button type="button" class="link" data-testid="dashboard-link" onClick={api.openDashboard}>
      {t('teamDashboard')}
    </button>
  );
}
