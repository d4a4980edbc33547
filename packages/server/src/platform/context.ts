import type { MembershipRole } from '@spokestack/core';

/** Who is acting. API keys act with the ADMIN role; session tokens carry the role the host minted. */
export interface Actor {
  type: 'user' | 'apiKey' | 'system';
  id: string;
  name: string;
  role: MembershipRole;
  /** For CLIENT members: the one client whose shared data they may see. */
  clientId: string | null;
  /** Set for publishable keys, which may only read published content. */
  publishable?: boolean;
}

/** What every service receives: the tenant to scope by and the actor to record. */
export interface TenantContext {
  organizationId: string;
  actor: Actor;
}

/** Actor for work the platform does itself (scheduled jobs, automations). */
export const systemActor = (): Actor => ({ type: 'system', id: 'system', name: 'SpokeStack', role: 'OWNER', clientId: null });
