import type { Router } from 'express';

/** How a channel adapter plugs into the web process: the routes it serves (pages, webhooks). */
export interface ChannelAdapter {
  name: string;
  routes(): Router;
}
