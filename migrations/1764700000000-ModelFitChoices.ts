import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A model version records how it was fitted — adstock and saturation families, search effort —
 * so that a retrain fits the same way. Versions trained before these choices existed were all
 * fitted with the defaults, which is what they get.
 */
export class ModelFitChoices1764700000000 implements MigrationInterface {
  name = 'ModelFitChoices1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE model_versions
        ADD COLUMN adstock text NOT NULL DEFAULT 'geometric',
        ADD COLUMN saturation text NOT NULL DEFAULT 'hill',
        ADD COLUMN effort text NOT NULL DEFAULT 'default'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE model_versions DROP COLUMN effort, DROP COLUMN saturation, DROP COLUMN adstock`);
  }
}
