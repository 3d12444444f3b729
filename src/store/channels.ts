import type { ChannelName } from '../domain/types';

/** Every channel, so a phone's channel states are read by key; a channel added to ChannelName must be added here. */
const ALL: Record<ChannelName, true> = { web: true, cli: true, api: true, telegram: true, whatsapp: true, sms: true, voice: true };
export const CHANNELS = Object.keys(ALL) as ChannelName[];
