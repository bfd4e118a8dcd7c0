import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A Slack event or message we have taken on. Inserting the key first is how a retry
 * (X-Slack-Retry-Num) or a second server instance learns it must not answer again.
 */
@Entity('slack_events')
export class SlackEvent {
  @PrimaryColumn({ name: 'event_key', type: 'text' })
  eventKey!: string;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text', nullable: true })
  kind!: string | null;
}
