import type { ChannelName, MessageRecord } from '../../domain/types';

/**
 * Records of the messages handled: what makes a redelivered message answered once, and counted once. A
 * message is recorded when its turn ends (TurnsPort.endTurn), done, with its replies.
 */
export interface MessagesPort {
  /** The record of one of a phone's messages, by its key (`channel:phone:id`). */
  getMessage(phone: string, key: string): Promise<MessageRecord | undefined>;
  /** Messages recorded in [from, to), by channel. */
  countMessages(from: number, to: number): Promise<Partial<Record<ChannelName, number>>>;
}
