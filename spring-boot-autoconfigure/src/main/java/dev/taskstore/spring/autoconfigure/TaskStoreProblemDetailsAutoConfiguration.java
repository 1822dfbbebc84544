package dev.taskstore.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * taskstore's exceptions as RFC 9457 Problem Details in a Spring MVC application: registers
 * {@link TaskStoreProblemDetailsExceptionHandler}, a {@code @RestControllerAdvice} (see it for the mapping).
 *
 * <p>Only in a servlet web application with Spring MVC on the classpath (spring-webmvc is an optional
 * dependency of this module; {@code spring-boot-starter-webmvc} brings it). On by default; off with
 * {@code taskstore.problem-details.enabled=false}. An application's own bean of the handler's type (e.g. a
 * subclass) replaces it. It handles only {@link dev.taskstore.TaskStoreException} and its subtypes, so it sits
 * beside Boot's {@code spring.mvc.problemdetails.enabled} handler or an application's
 * {@link ResponseEntityExceptionHandler} subclass for Spring MVC's own exceptions.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ResponseEntityExceptionHandler.class, ProblemDetail.class})
@ConditionalOnBooleanProperty(name = "taskstore.problem-details.enabled", matchIfMissing = true)
public class TaskStoreProblemDetailsAutoConfiguration {

  /**
   * @return the advice that maps taskstore's exceptions to Problem Details
   */
  @Bean
  @ConditionalOnMissingBean
  public TaskStoreProblemDetailsExceptionHandler taskStoreProblemDetailsExceptionHandler() {
    return new TaskStoreProblemDetailsExceptionHandler();
  }
}
