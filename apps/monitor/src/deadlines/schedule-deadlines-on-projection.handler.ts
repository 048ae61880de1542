import { Logger } from '@nestjs/common';
import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { CaseEventsProjected } from '../cases/case-events-projected.event';
import { checkpointsStartedBy } from './deadline-checkpoints';
import { DeadlineScheduler } from './deadline-scheduler';

/**
 * When the projection has recorded a case opening (or reopening), its verification and assistance
 * deadlines get their delayed jobs. Replays schedule the same job ids again, which adds nothing.
 */
@EventsHandler(CaseEventsProjected)
export class ScheduleDeadlinesOnProjectionHandler implements IEventHandler<CaseEventsProjected> {
  private readonly logger = new Logger(ScheduleDeadlinesOnProjectionHandler.name);

  constructor(private readonly scheduler: DeadlineScheduler) {}

  async handle({ events }: CaseEventsProjected): Promise<void> {
    const checkpoints = events.flatMap(checkpointsStartedBy);
    if (checkpoints.length === 0) return;
    try {
      await this.scheduler.schedule(checkpoints);
    } catch (error) {
      // The projection has committed; the sweep covers deadlines whose job could not be added.
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`could not schedule ${checkpoints.length} deadline checks: ${reason}`);
    }
  }
}
