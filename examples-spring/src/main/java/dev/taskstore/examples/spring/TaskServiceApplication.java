package dev.taskstore.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The guide's task API as a Spring Boot web application on {@code taskstore-spring-boot-starter}, written with
 * Spring MVC (it replaced a hand-written service on the JDK's HttpServer).
 *
 * <pre>
 * POST   /users                            {"email"}                       201 user
 * GET    /users/{id}                                                       200 {"user", "tasks"}
 * POST   /teams                            {"name"}                        201 team
 * PUT    /teams/{id}/members/{userId}                                      201 added, 200 already; team with members
 * POST   /tasks                            {"title", "description", ...}   201 task
 * GET    /tasks/{id}                                                       200 {"task", "user"}
 * PATCH  /tasks/{id}                       absent = unchanged, null = clear 200 task
 * DELETE /tasks/{id}                                                       204
 * GET    /tasks?completed=&amp;priority=&amp;userId=&amp;limit=&amp;cursor=              200 {"items", "nextCursor"}
 * GET    /tasks/count?completed=&amp;priority=&amp;userId=                          200 {"count"}
 * </pre>
 *
 * <p>Choices:
 * <ul>
 *   <li>The {@code TaskStore} bean, its migrations at start-up and the mapping of taskstore's exceptions to
 *       Problem Details all come from the starter; this module adds only the routes, the database
 *       ({@link DatabaseConfiguration}) and the answers to Spring MVC's own errors ({@link ApiErrors}).</li>
 *   <li>Request bodies are records with Bean Validation ({@code @Valid}); unknown JSON fields are refused
 *       ({@code spring.jackson.deserialization.fail-on-unknown-properties=true}), and so are unknown query
 *       parameters, so that a typo does not silently return every task.</li>
 *   <li>{@code PATCH} reads its body as a Jackson {@code JsonNode}, because a record cannot tell a field that is
 *       absent from one sent as {@code null}; {@link TaskController} builds a {@code TaskUpdate} from the fields
 *       present.</li>
 *   <li>Bodies must be sent as {@code Content-Type: application/json} (Spring MVC answers 415 otherwise; the
 *       JDK example accepted any).</li>
 * </ul>
 *
 * <p>Run it with {@code ./mvnw -q -pl examples-spring -am spring-boot:run}; {@code PORT} (default 8080),
 * {@code HOST} (default {@code localhost}) and {@code DATABASE_URL} (default: an embedded PostgreSQL) configure it.
 */
@SpringBootApplication
public class TaskServiceApplication {

  /**
   * Starts the service.
   *
   * @param args Spring Boot's command-line arguments, e.g. {@code --server.port=9090}
   */
  public static void main(String[] args) {
    SpringApplication.run(TaskServiceApplication.class, args);
  }
}
