package dev.taskstore.internal;

/**
 * What one database call does, named once at the call site so that the one instrumentation point
 * ({@link StatementLog}) can say it: the repository operation, the SQL verb and the table it works on — the
 * names OpenTelemetry's database conventions call {@code db.query.summary}, {@code db.operation.name} and
 * {@code db.collection.name}. Never SQL text or values. Not public API.
 *
 * @param name the taskstore operation, e.g. {@code tasks.findById}
 * @param verb the SQL verb: SELECT, INSERT, UPDATE, DELETE, or a taskstore word for a unit of several
 * @param table the main table, or empty
 */
record Op(String name, String verb, String table) {

  static final Op TASK_CREATE = new Op("tasks.create", "INSERT", "task");
  static final Op TASK_CREATE_ALL = new Op("tasks.createAll", "INSERT", "task");
  static final Op TASK_FIND = new Op("tasks.findById", "SELECT", "task");
  /** Several waiting asynchronous {@code findById}/{@code get} calls served in one round trip. */
  static final Op TASK_FIND_BATCH = new Op("tasks.findByIds", "SELECT", "task");
  static final Op TASK_FIND_WITH_USER = new Op("tasks.findWithUser", "SELECT", "task");
  static final Op TASK_UPDATE = new Op("tasks.update", "UPDATE", "task");
  static final Op TASK_DELETE = new Op("tasks.delete", "DELETE", "task");
  static final Op TASK_LIST = new Op("tasks.list", "SELECT", "task");
  static final Op TASK_LIST_WITH_USERS = new Op("tasks.listWithUsers", "SELECT", "task");
  static final Op TASK_COUNT = new Op("tasks.count", "SELECT", "task");
  static final Op TASK_COUNT_BY_PRIORITY = new Op("tasks.countByPriority", "SELECT", "task");
  static final Op USER_CREATE = new Op("users.create", "INSERT", "user");
  static final Op USER_GET_OR_CREATE = new Op("users.getOrCreate", "INSERT", "user");
  static final Op USER_FIND = new Op("users.findById", "SELECT", "user");
  static final Op USER_FIND_BY_EMAIL = new Op("users.findByEmail", "SELECT", "user");
  static final Op USER_DELETE = new Op("users.delete", "DELETE", "user");
  static final Op USER_TASKS = new Op("users.tasksOf", "SELECT", "task");
  static final Op USER_WITH_TASKS = new Op("users.findWithTasks", "SELECT", "user");
  static final Op USER_COUNT_TASKS = new Op("users.countTasksPerUser", "SELECT", "task");
  static final Op TEAM_CREATE = new Op("teams.create", "INSERT", "team");
  static final Op TEAM_FIND = new Op("teams.findById", "SELECT", "team");
  static final Op TEAM_DELETE = new Op("teams.delete", "DELETE", "team");
  static final Op TEAM_ADD_MEMBER = new Op("teams.addMember", "INSERT", "teamuserlink");
  static final Op TEAM_REMOVE_MEMBER = new Op("teams.removeMember", "DELETE", "teamuserlink");
  static final Op TEAM_WITH_MEMBERS = new Op("teams.findWithMembers", "SELECT", "team");
  static final Op TEAM_OF_USER = new Op("teams.teamsOf", "SELECT", "team");
  static final Op JDBC = new Op("jdbc", "JDBC", "");
  static final Op TRANSACTION = new Op("transaction", "TRANSACTION", "");
  /** A run of the bundled migrations: one call, whatever Flyway sends. */
  static final Op MIGRATE = new Op("migrate", "MIGRATE", "");

  /** Whether the call only reads (a replica may serve it). */
  boolean reads() {
    return "SELECT".equals(verb);
  }

  /** {@code verb table}, OpenTelemetry's span name. */
  String summary() {
    return table.isEmpty() ? verb : verb + " " + table;
  }
}
