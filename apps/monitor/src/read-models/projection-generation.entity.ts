import { Column, Entity, PrimaryColumn } from 'typeorm';

export type GenerationStatus = 'building' | 'active' | 'retired';

/** `projection_generations`: the generations of read-model tables; exactly one is active. */
@Entity({ name: 'projection_generations' })
export class ProjectionGenerationEntity {
  @PrimaryColumn({ type: 'integer' })
  generation!: number;

  @Column({ name: 'schema_name', type: 'text' })
  schemaName!: string;

  @Column({ type: 'text' })
  status!: GenerationStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;
}
