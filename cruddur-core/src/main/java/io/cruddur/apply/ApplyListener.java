package io.cruddur.apply;

/** Receives progress events; called from the executor's threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface ApplyListener {
  void on(ApplyEvent event);

  ApplyListener NONE = e -> {};
}
