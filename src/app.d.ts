// See https://svelte.dev/docs/kit/types#app.d.ts
import type { PublicUser } from '$lib/domain/sync/protocol';

declare global {
	namespace App {
		// interface Error {}
		interface Locals {
			/** The signed-in user of this request (Bearer token or `session` cookie), or null. */
			user: PublicUser | null;
		}
		// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- SvelteKit's standard declaration; pages add fields later
		interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
