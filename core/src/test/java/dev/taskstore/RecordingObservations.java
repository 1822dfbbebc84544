package dev.taskstore;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An ObservationRegistry that keeps the context of every Observation stopped in it, in the order they stop. */
public final class RecordingObservations {

  private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
  private final ObservationRegistry registry = ObservationRegistry.create();

  public RecordingObservations() {
    registry.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }

      @Override
      public void onStop(Observation.Context context) {
        stopped.add(context);
      }
    });
  }

  /** The registry to give a store. */
  public ObservationRegistry registry() {
    return registry;
  }

  /** The contexts stopped so far (a live list: {@code clear()} forgets them). */
  public List<Observation.Context> stopped() {
    return stopped;
  }

  /** The {@code taskstore.operation} of each Observation stopped so far. */
  public List<String> operations() {
    return stopped.stream().map(c -> c.getLowCardinalityKeyValue("taskstore.operation").getValue()).toList();
  }
}
