package dev.taskstore.examples.spring;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Spring MVC's own errors as Problem Details, next to the starter's advice for taskstore's exceptions: Spring's
 * {@link ResponseEntityExceptionHandler} answers each (404 for an unknown route, 405 with {@code Allow}, 415, a
 * missing body 400, ...) and this subclass makes the 400s name the field, as taskstore's do:
 *
 * <ul>
 *   <li>Bean Validation of a body: {@code field} (the first one) and {@code errors} (every field with its
 *       message), never the rejected values;</li>
 *   <li>unreadable JSON: malformed, an unknown field ({@code field}), a wrong JSON type ({@code field}); the
 *       detail is ours, as Jackson's messages quote the input;</li>
 *   <li>a query or path parameter of the wrong type: {@code field} names it.</li>
 * </ul>
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldError> errors = ex.getBindingResult().getFieldErrors();
    ProblemDetail problem = ex.getBody();
    problem.setTitle("Invalid request");
    if (!errors.isEmpty()) {
      FieldError first = errors.get(0);
      problem.setDetail(first.getField() + " " + first.getDefaultMessage());
      problem.setProperty("field", first.getField());
      problem.setProperty("errors", errors.stream()
          .map(e -> Map.of("field", e.getField(), "message", String.valueOf(e.getDefaultMessage())))
          .collect(Collectors.toList()));
    }
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    problem.setTitle("Unreadable request body");
    Throwable cause = jacksonCause(ex);
    if (cause instanceof UnrecognizedPropertyException unknown) {
      problem.setDetail(unknown.getPropertyName() + " is not a known field");
      problem.setProperty("field", unknown.getPropertyName());
    } else if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
      String field = databind.getPath().stream()
          .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining("."));
      problem.setDetail(field + " has the wrong type or format");
      problem.setProperty("field", field);
    } else if (cause instanceof JacksonException) {
      problem.setDetail("the body is not valid JSON");
    } else {
      problem.setDetail("the body is missing or not readable as JSON");
    }
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** The outermost Jackson exception in the chain (it has the path; an inner one, e.g. of java.time, has not). */
  private static Throwable jacksonCause(Throwable ex) {
    for (Throwable t = ex.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof JacksonException) {
        return t;
      }
    }
    return ex;
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    String name = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    problem.setTitle("Invalid request");
    String type = ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName().toLowerCase();
    problem.setDetail(name + " must be a " + (type.equals("long") || type.equals("integer") ? "number" : type));
    problem.setProperty("field", name);
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }
}
