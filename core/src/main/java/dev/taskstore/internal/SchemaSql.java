package dev.taskstore.internal;

import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The SQL of the stores on one schema: jOOQ's settings that map the generated tables (schema {@code public}) to
 * that schema, and the statements rendered with them, once per schema and JVM. The schema name reaches the SQL
 * only through jOOQ's render mapping, quoted, and only after {@code TaskStoreConfig} validated it as an
 * identifier. Not public API.
 */
final class SchemaSql {

  /** The schema the generated classes were generated from. */
  private static final String GENERATED_SCHEMA = "public";

  private static final ConcurrentHashMap<String, SchemaSql> BY_SCHEMA = new ConcurrentHashMap<>();

  private final TaskSql tasks;
  private final TaskListSql lists;
  private final TaskBulkInsert bulk;
  private final UserSql users;
  private final TeamSql teams;

  private SchemaSql(String schema) {
    DSLContext render = DSL.using(SQLDialect.POSTGRES, settings(schema));
    this.tasks = new TaskSql(render);
    this.lists = new TaskListSql(render);
    this.bulk = new TaskBulkInsert(render);
    this.users = new UserSql(render);
    this.teams = new TeamSql(render);
  }

  /** The statements of the given (validated) schema. */
  static SchemaSql of(String schema) {
    return BY_SCHEMA.computeIfAbsent(schema, SchemaSql::new);
  }

  /** jOOQ's settings for a store on {@code schema}: for its DSL queries and for the SQL rendered in advance. */
  static Settings settings(String schema) {
    return new Settings()
        .withExecuteLogging(false)
        .withRenderSchema(true)
        .withRenderCatalog(false)
        .withRenderMapping(new RenderMapping().withSchemata(
            new MappedSchema().withInput(GENERATED_SCHEMA).withOutput(schema)))
        .withFetchWarnings(false)
        .withReturnAllOnUpdatableRecord(false);
  }

  /** The single-row task statements. */
  TaskSql tasks() {
    return tasks;
  }

  /** The task list and count statements. */
  TaskListSql lists() {
    return lists;
  }

  /** The user statements. */
  UserSql users() {
    return users;
  }

  /** The team statements. */
  TeamSql teams() {
    return teams;
  }

  /** The bulk insert statements. */
  TaskBulkInsert bulk() {
    return bulk;
  }
}
