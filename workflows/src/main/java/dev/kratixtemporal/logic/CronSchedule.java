package dev.kratixtemporal.logic;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.kratixtemporal.model.InvalidDocumentException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A HealthDefinition's spec.schedule: a standard 5-field cron expression (minute hour day-of-month month
 * day-of-week), read in UTC. Pure: the next time is computed from a time given by the caller (the workflow clock).
 */
public final class CronSchedule {
  private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private final ExecutionTime execution;
  private final String expression;

  private CronSchedule(String expression, ExecutionTime execution) {
    this.expression = expression;
    this.execution = execution;
  }

  /** @throws InvalidDocumentException naming the field when the expression is not a 5-field cron expression */
  public static CronSchedule parse(String expression, String field) {
    String e = expression == null ? "" : expression.trim();
    if (e.isEmpty()) throw new InvalidDocumentException(field, "is required (a 5-field cron expression, e.g. \"*/5 * * * *\")");
    if (e.split("\\s+").length != 5) {
      throw new InvalidDocumentException(field, "must be a 5-field cron expression (minute hour day-of-month month "
          + "day-of-week), got \"" + e + "\"");
    }
    try {
      ExecutionTime execution = ExecutionTime.forCron(PARSER.parse(e));
      return new CronSchedule(e, execution);
    } catch (IllegalArgumentException ex) {
      throw new InvalidDocumentException(field, "is not a valid cron expression \"" + e + "\": " + ex.getMessage());
    }
  }

  /** The first time strictly after the given one, in epoch millis; -1 when the expression never fires again. */
  public long nextAfter(long epochMillis) {
    ZonedDateTime from = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC);
    return execution.nextExecution(from).map(t -> t.toInstant().toEpochMilli()).orElse(-1L);
  }

  public String expression() {
    return expression;
  }
}
