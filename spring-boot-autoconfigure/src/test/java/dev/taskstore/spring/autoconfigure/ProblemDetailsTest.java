package dev.taskstore.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.taskstore.CheckViolationException;
import dev.taskstore.ConnectionException;
import dev.taskstore.DatabaseException;
import dev.taskstore.DiskFullException;
import dev.taskstore.ForeignKeyViolationException;
import dev.taskstore.IdempotencyConflictException;
import dev.taskstore.InvalidDataException;
import dev.taskstore.NotFoundException;
import dev.taskstore.NotNullViolationException;
import dev.taskstore.QueryTimeoutException;
import dev.taskstore.RetryableException;
import dev.taskstore.StaleVersionException;
import dev.taskstore.TaskStoreException;
import dev.taskstore.TransactionMisuseException;
import dev.taskstore.UniqueViolationException;
import dev.taskstore.ValidationException;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Problem Details advice, through Spring MVC's real dispatcher (MockMvc, no server, no database): a controller
 * throws each kind of taskstore exception; the answers have the status, {@code application/problem+json} and the
 * properties of the mapping, and no SQL or bound value. The property turns it off; a non-web context lacks it.
 */
class ProblemDetailsTest {

  /** A driver exception with SQL and a value in its text, which must not reach the body. */
  private static final SQLException CAUSE =
      new SQLException("ERROR: insert into \"user\" (email) values ('secret@example.org') failed", "23505");

  private static final Map<String, Supplier<TaskStoreException>> THROWN = Map.ofEntries(
      Map.entry("validation", () -> new ValidationException("title", "must not be blank")),
      Map.entry("unique", () -> new UniqueViolationException("user_email_key", "user", "email", CAUSE)),
      Map.entry("fk", () -> new ForeignKeyViolationException("task_user_id_fkey", "task", null, CAUSE)),
      Map.entry("notnull", () -> new NotNullViolationException(null, "task", "title", CAUSE)),
      Map.entry("check", () -> new CheckViolationException("task_priority_check", "task", null, CAUSE)),
      Map.entry("notfound", () -> new NotFoundException("task", 42)),
      Map.entry("stale", () -> new StaleVersionException("task", 42, 3, 5)),
      Map.entry("idempotency", () -> new IdempotencyConflictException("task")),
      Map.entry("invalid", () -> new InvalidDataException("value too long for column title", "22001", CAUSE)),
      Map.entry("retryable", () -> new RetryableException("serialization failure, retry", "40001", CAUSE)),
      Map.entry("connection", () -> new ConnectionException("database unreachable", "08001", CAUSE)),
      Map.entry("timeout", () -> new QueryTimeoutException("statement timed out", "57014", CAUSE)),
      Map.entry("diskfull", () -> new DiskFullException("the database server's disk is full", "53100", CAUSE)),
      Map.entry("misuse", () -> new TransactionMisuseException(TransactionMisuseException.Misuse.OTHER_THREAD,
          "the transaction belongs to thread main")),
      Map.entry("database", () -> new DatabaseException("relation \"task\" does not exist: select * from task",
          "42P01", CAUSE)));

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TaskStoreProblemDetailsAutoConfiguration.class))
      .withUserConfiguration(Web.class);

  @Test
  void eachExceptionIsAProblemDetail() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(TaskStoreProblemDetailsExceptionHandler.class);
      MockMvc mvc = MockMvcBuilders.webAppContextSetup(
          (WebApplicationContext) context.getSourceApplicationContext()).build();

      assertThat(problem(mvc, "validation", 400)).containsEntry("field", "title")
          .containsEntry("detail", "title must not be blank");
      assertThat(problem(mvc, "unique", 409)).containsEntry("constraint", "user_email_key")
          .containsEntry("column", "email");
      assertThat(problem(mvc, "fk", 400)).containsEntry("constraint", "task_user_id_fkey")
          .doesNotContainKey("column");
      assertThat(problem(mvc, "notnull", 400)).containsEntry("column", "title").doesNotContainKey("constraint");
      assertThat(problem(mvc, "check", 400)).containsEntry("constraint", "task_priority_check");
      assertThat(problem(mvc, "notfound", 404)).containsEntry("entity", "task").containsEntry("id", 42)
          .containsEntry("detail", "task 42 not found");
      assertThat(problem(mvc, "stale", 409)).containsEntry("title", "Version conflict")
          .containsEntry("entity", "task").containsEntry("id", 42).containsEntry("expectedVersion", 3)
          .containsEntry("currentVersion", 5).containsEntry("detail", "task 42 is at version 5, not the expected 3");
      assertThat(problem(mvc, "idempotency", 409)).containsEntry("title", "Idempotency key reused")
          .containsEntry("entity", "task");
      assertThat(problem(mvc, "invalid", 400)).containsEntry("detail", "value too long for column title");
      problem(mvc, "retryable", 503);
      problem(mvc, "connection", 503);
      problem(mvc, "timeout", 504);
      assertThat(problem(mvc, "diskfull", 507)).containsEntry("title", "Database disk full")
          .containsEntry("detail", "the database server's disk is full");
      assertThat(problem(mvc, "misuse", 500)).containsEntry("title", "Internal error")
          .containsEntry("detail", "the request failed");
      assertThat(problem(mvc, "database", 500))
          .containsEntry("detail", "the database failed to complete the request");
    });
  }

  /** Asserts what every problem has, and that nothing of the SQL or the value leaked; returns the body. */
  private static Map<String, Object> problem(MockMvc mvc, String kind, int status) throws Exception {
    MockHttpServletResponse response = mvc.perform(get("/throw/" + kind)).andReturn().getResponse();
    assertThat(response.getStatus()).as(kind).isEqualTo(status);
    assertThat(MediaType.parseMediaType(response.getContentType()).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .as(kind + ": " + response.getContentType()).isTrue();
    String body = response.getContentAsString();
    assertThat(body).doesNotContain("secret@example.org", "insert into", "select", "SQLException", "\tat ",
        "trace", "cause");
    Map<String, Object> json = JsonMapper.builder().build().readValue(body, new TypeReference<Map<String, Object>>() {});
    assertThat(json).as(body).containsEntry("status", status).containsEntry("instance", "/throw/" + kind)
        .containsKeys("title", "detail");
    return json;
  }

  @Test
  void thePropertyTurnsItOff() {
    runner.withPropertyValues("taskstore.problem-details.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(TaskStoreProblemDetailsExceptionHandler.class));
  }

  @Test
  void anApplicationsOwnHandlerReplacesIt() {
    runner.withUserConfiguration(OwnHandler.class).run(context -> {
      assertThat(context).hasSingleBean(TaskStoreProblemDetailsExceptionHandler.class);
      assertThat(context).hasBean("ownHandler");
    });
  }

  @Test
  void aNonWebContextHasNoAdvice() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TaskStoreProblemDetailsAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(TaskStoreProblemDetailsExceptionHandler.class));
  }

  @Test
  void withoutSpringMvcOnTheClasspathThereIsNoAdvice() {
    new WebApplicationContextRunner()
        .withClassLoader(new FilteredClassLoader(ResponseEntityExceptionHandler.class))
        .withConfiguration(AutoConfigurations.of(TaskStoreProblemDetailsAutoConfiguration.class))
        .run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(TaskStoreProblemDetailsExceptionHandler.class));
  }

  @Configuration(proxyBeanMethods = false)
  @EnableWebMvc
  static class Web {

    @Bean
    ThrowingController throwingController() {
      return new ThrowingController();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnHandler {

    @Bean
    TaskStoreProblemDetailsExceptionHandler ownHandler() {
      return new TaskStoreProblemDetailsExceptionHandler();
    }
  }

  @RestController
  static class ThrowingController {

    @GetMapping("/throw/{kind}")
    String fail(@PathVariable("kind") String kind) {
      throw THROWN.get(kind).get();
    }
  }
}
