package dev.taskstore.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidTaskStorePropertyException} at start-up into Boot's "APPLICATION FAILED TO START"
 * report: which {@code taskstore.*} property, why, and what to do. Registered in {@code META-INF/spring.factories}.
 */
class InvalidTaskStorePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTaskStorePropertyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidTaskStorePropertyException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Update the property " + cause.property() + " in the application's configuration.", cause);
  }
}
