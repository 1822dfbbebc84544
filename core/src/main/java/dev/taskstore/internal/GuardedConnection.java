package dev.taskstore.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The connection a {@code jdbc} step sees: the unit of work's own, with every method that would end or
 * reconfigure the unit of work refused, as Spring's transaction-aware proxies refuse them. Statements and
 * savepoints pass through. Usable only while the step runs. Not public API.
 */
final class GuardedConnection implements InvocationHandler {

  /** Methods that end the unit of work or change how it runs; {@code rollback(Savepoint)} stays allowed. */
  private static final Set<String> REFUSED = Set.of("close", "commit", "abort", "setAutoCommit", "setReadOnly",
      "setTransactionIsolation", "setCatalog", "setSchema", "setNetworkTimeout", "setHoldability");

  private final Connection target;
  private final BooleanSupplier usable;

  private GuardedConnection(Connection target, BooleanSupplier usable) {
    this.target = target;
    this.usable = usable;
  }

  /** A guarded view of {@code target}, refused altogether once {@code usable} turns false. */
  static Connection over(Connection target, BooleanSupplier usable) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        new GuardedConnection(target, usable));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "equals" -> proxy == args[0];
        case "hashCode" -> System.identityHashCode(proxy);
        default -> "taskstore unit-of-work connection over " + target;
      };
    }
    if (name.equals("isClosed")) {
      return !usable.getAsBoolean() || target.isClosed();
    }
    if (!usable.getAsBoolean()) {
      throw new IllegalStateException("the jdbc step has ended: use its connection only inside the callback");
    }
    if (REFUSED.contains(name) || (name.equals("rollback") && method.getParameterCount() == 0)) {
      throw new IllegalStateException("Connection." + name + " is not allowed in a jdbc step: taskstore owns the "
          + "unit of work and commits it when the block returns, rolls it back when the block throws and "
          + "returns the connection itself; use savepoints or a nested inTransaction for partial rollback");
    }
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
