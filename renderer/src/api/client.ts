import type { Client } from '../../../shared/index.ts';
import { createCall, createClient, type Call } from './call.ts';
import { defaultTransport } from './transport.ts';

export { createCall, createClient, type Call };

export const call: Call = createCall(defaultTransport());
export const api: Client = createClient(call);
