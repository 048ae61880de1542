import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `projection_checkpoint`: how far in the global log the active read models are (opaque to callers). */
@Entity({ name: 'projection_checkpoint' })
export class ProjectionCheckpointEntity {
  @PrimaryColumn({ type: 'text' })
  name!: string;

  /** The event store's checkpoint of the last event projected (compare only through the store). */
  @Column({ type: 'text' })
  checkpoint!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
