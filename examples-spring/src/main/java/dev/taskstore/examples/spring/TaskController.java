package dev.taskstore.examples.spring;

import dev.taskstore.NotFoundException;
import dev.taskstore.Priority;
import dev.taskstore.TaskBase;
import dev.taskstore.TaskFilter;
import dev.taskstore.TaskQuery;
import dev.taskstore.TaskRead;
import dev.taskstore.TaskSort;
import dev.taskstore.TaskStore;
import dev.taskstore.TaskUpdate;
import dev.taskstore.ValidationException;
import dev.taskstore.examples.spring.Json.CountJson;
import dev.taskstore.examples.spring.Json.PageJson;
import dev.taskstore.examples.spring.Json.TaskJson;
import dev.taskstore.examples.spring.Json.TaskWithUserJson;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /tasks}: create, read with its user, partial update, delete, list a page, count.
 *
 * <p>Optimistic locking the HTTP way: a task's answers carry its version as a strong {@code ETag} ({@code "3"}),
 * and a PATCH with {@code If-Match: "3"} applies only while the task is at version 3, else 409 with
 * {@code currentVersion}. A POST with an {@code Idempotency-Key} header is safe to retry: the retry answers with
 * the task the first attempt stored.
 */
@RestController
@RequestMapping("/tasks")
class TaskController {

  static final String TITLE = "title";
  static final String DESCRIPTION = "description";
  static final String PRIORITY = "priority";
  static final String COMPLETED = "completed";
  static final String DUE_DATE = "dueDate";
  static final String USER_ID = "userId";
  private static final Set<String> TASK_FIELDS = Set.of(TITLE, DESCRIPTION, PRIORITY, COMPLETED, DUE_DATE, USER_ID);
  static final String SEARCH = "q";
  static final String SORT = "sort";
  private static final List<String> FILTER_PARAMS = List.of(COMPLETED, PRIORITY, USER_ID, SEARCH);
  private static final List<String> LIST_PARAMS = List.of(COMPLETED, PRIORITY, USER_ID, SEARCH, SORT, "limit",
      "cursor", "before");

  /**
   * A new task: {@code title} is required; an absent (or null) priority and completed take the defaults (medium,
   * not completed); description, dueDate and userId may be absent or null. A priority is parsed by taskstore
   * ({@code "high"} in any letter case), so an unknown one is its 400 naming {@code priority}.
   */
  record NewTask(
      @NotBlank @Size(max = TaskBase.MAX_TITLE_LENGTH) String title,
      @Size(max = TaskBase.MAX_DESCRIPTION_LENGTH) String description,
      String priority,
      Boolean completed,
      Instant dueDate,
      Long userId) {

    TaskBase toTaskBase(String idempotencyKey) {
      TaskBase.Builder task = TaskBase.builder(title).description(description).dueDate(dueDate).userId(userId)
          .idempotencyKey(idempotencyKey);
      if (priority != null) {
        task.priority(Priority.parse(priority));
      }
      if (completed != null) {
        task.completed(completed);
      }
      return task.build();
    }
  }

  private final TaskStore store;

  TaskController(TaskStore store) {
    this.store = store;
  }

  /**
   * 201 with the stored task; an unknown userId is a foreign-key violation, 400 naming the constraint. With an
   * {@code Idempotency-Key} header (1 to 255 printable ASCII characters; the client's, e.g. a UUID), a retry
   * answers 201 with the task the first attempt stored, and the key sent with another body is a 409. A service
   * with many clients would prefix the key with the caller's identity (keys are unique over all tasks).
   */
  @PostMapping
  ResponseEntity<TaskJson> create(@Valid @RequestBody NewTask body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    TaskRead task = store.tasks().create(body.toTaskBase(idempotencyKey));
    return ResponseEntity.created(URI.create("/tasks/" + task.id())).eTag(etag(task)).body(TaskJson.of(task));
  }

  /** The task and its user, in one join; its version is the ETag. */
  @GetMapping("/{id:\\d+}")
  ResponseEntity<TaskWithUserJson> get(@PathVariable long id) {
    TaskWithUserJson task =
        TaskWithUserJson.of(store.tasks().findWithUser(id).orElseThrow(() -> new NotFoundException("task", id)));
    return ResponseEntity.ok().eTag(etag(task.task().version())).body(task);
  }

  /**
   * A partial update with {@code exclude_unset} semantics: a field absent from the JSON is not touched, a field
   * sent as {@code null} is cleared (only description, dueDate and userId can be; null for title, priority or
   * completed is taskstore's 400). The body is a {@link JsonNode} because only the tree tells the two apart.
   */
  @PatchMapping("/{id:\\d+}")
  ResponseEntity<TaskJson> update(@PathVariable long id, @RequestBody JsonNode body,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    TaskUpdate update = taskUpdate(body);
    Long expected = expectedVersion(ifMatch);
    TaskRead task = expected == null ? store.tasks().update(id, update) : store.tasks().update(id, update, expected);
    return ResponseEntity.ok().eTag(etag(task)).body(TaskJson.of(task));
  }

  /**
   * The version of an {@code If-Match} header: one strong entity tag, {@code "3"} (the quotes may be left out).
   * A weak tag ({@code W/"3"}) never matches for a write (RFC 9110), so it is a 400, as are lists and non-numbers;
   * version 0 is taskstore's 400 naming {@code expectedVersion}. No header, or {@code If-Match: *}: null, the update
   * applies whatever the version.
   */
  static Long expectedVersion(String ifMatch) {
    if (ifMatch == null || ifMatch.trim().equals("*")) {
      return null;
    }
    String tag = ifMatch.trim();
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    if (tag.isEmpty() || tag.length() > 18 || !tag.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new ValidationException(HttpHeaders.IF_MATCH, "must be one task version as a strong ETag, e.g. \"3\"");
    }
    return Long.parseLong(tag); // at most 18 digits: always a long
  }

  private static String etag(TaskRead task) {
    return etag(task.version());
  }

  private static String etag(long version) {
    return "\"" + version + "\"";
  }

  /** 204, or 404 when there was no such task. */
  @DeleteMapping("/{id:\\d+}")
  ResponseEntity<Void> delete(@PathVariable long id) {
    if (!store.tasks().delete(id)) {
      throw new NotFoundException("task", id);
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * One page, in id order unless {@code sort} says otherwise ({@code id_asc}, {@code id_desc},
   * {@code created_at_asc}, {@code created_at_desc}, or {@code relevance} with a search {@code q}). Pass
   * {@code nextCursor} as {@code cursor} for the next page, or {@code previousCursor} as {@code before} for the
   * previous one, with the same filter and sort; anything else is a 400 naming the parameter.
   */
  @GetMapping
  PageJson list(@RequestParam Map<String, String> params,
      @RequestParam(required = false) Boolean completed,
      @RequestParam(required = false) String priority,
      @RequestParam(required = false) Long userId,
      @RequestParam(name = SEARCH, required = false) String search,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) String before) {
    allowOnly(params, LIST_PARAMS);
    if (cursor != null && before != null) {
      throw new ValidationException("before", "cannot be combined with cursor");
    }
    TaskQuery.Builder query = TaskQuery.builder()
        .filter(filter(completed, priority, userId, search))
        .sort(sort(sort))
        .limit(limit == null ? TaskQuery.DEFAULT_LIMIT : limit);
    try {
      return PageJson.of(store.tasks().list((before != null ? query.before(before) : query.after(cursor)).build()));
    } catch (ValidationException e) {
      // taskstore names the cursor "cursor" whichever way it pages; the client sent it as "before".
      throw before != null && e.field().equals("cursor") ? new ValidationException("before", e.reason()) : e;
    }
  }

  /** {@code {"count": n}} of the tasks the filter selects. */
  @GetMapping("/count")
  CountJson count(@RequestParam Map<String, String> params,
      @RequestParam(required = false) Boolean completed,
      @RequestParam(required = false) String priority,
      @RequestParam(required = false) Long userId,
      @RequestParam(name = SEARCH, required = false) String search) {
    allowOnly(params, FILTER_PARAMS);
    return new CountJson(store.tasks().count(filter(completed, priority, userId, search)));
  }

  private static TaskFilter filter(Boolean completed, String priority, Long userId, String search) {
    TaskFilter.Builder filter = TaskFilter.builder()
        .completed(completed)
        .priority(priority == null ? null : Priority.parse(priority))
        .userId(userId);
    try {
      return filter.search(search).build();
    } catch (ValidationException e) {
      // taskstore's field is "search"; the client sent the parameter q.
      throw e.field().equals("search") ? new ValidationException(SEARCH, e.reason()) : e;
    }
  }

  /** A sort by its lower-case name; absent is id order. */
  private static TaskSort sort(String name) {
    if (name == null) {
      return TaskSort.ID_ASC;
    }
    for (TaskSort sort : TaskSort.values()) {
      if (sort.name().toLowerCase(Locale.ROOT).equals(name)) {
        return sort;
      }
    }
    throw new ValidationException(SORT, "must be one of " + Arrays.stream(TaskSort.values())
        .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
  }

  /** An unknown query parameter is a 400 naming it, so that {@code ?complete=true} does not list every task. */
  private static void allowOnly(Map<String, String> params, List<String> known) {
    for (String name : params.keySet()) {
      if (!known.contains(name)) {
        throw new ValidationException(name, "is not a known query parameter (known: " + String.join(", ", known) + ")");
      }
    }
  }

  /** The fields present in the JSON object, each checked for its JSON type; values are never echoed. */
  static TaskUpdate taskUpdate(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ValidationException("body", "must be a JSON object");
    }
    for (String name : body.propertyNames()) {
      if (!TASK_FIELDS.contains(name)) {
        throw new ValidationException(name, "is not a known field");
      }
    }
    TaskUpdate.Builder update = TaskUpdate.builder();
    if (body.has(TITLE)) {
      update.title(text(body, TITLE));
    }
    if (body.has(DESCRIPTION)) {
      update.description(text(body, DESCRIPTION));
    }
    if (body.has(PRIORITY)) {
      String priority = text(body, PRIORITY);
      update.priority(priority == null ? null : Priority.parse(priority));
    }
    if (body.has(COMPLETED)) {
      JsonNode node = body.get(COMPLETED);
      if (!node.isNull() && !node.isBoolean()) {
        throw new ValidationException(COMPLETED, "must be true or false");
      }
      update.completed(node.isNull() ? null : node.booleanValue());
    }
    if (body.has(DUE_DATE)) {
      String due = text(body, DUE_DATE);
      try {
        update.dueDate(due == null ? null : Instant.parse(due));
      } catch (DateTimeParseException e) {
        throw new ValidationException(DUE_DATE, "must be an ISO-8601 instant, e.g. 2026-01-31T17:00:00Z");
      }
    }
    if (body.has(USER_ID)) {
      JsonNode node = body.get(USER_ID);
      if (!node.isNull() && !(node.isIntegralNumber() && node.canConvertToLong())) {
        throw new ValidationException(USER_ID, "must be an integer id");
      }
      update.userId(node.isNull() ? null : node.longValue());
    }
    return update.build();
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw new ValidationException(field, "must be a string");
    }
    return node.stringValue();
  }
}
