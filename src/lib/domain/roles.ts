/** The roles of a user account (server/auth/permissions.ts says what each may do). */
export const ROLES = ['admin', 'monitor', 'unit_head', 'staff'] as const;
export type Role = (typeof ROLES)[number];
