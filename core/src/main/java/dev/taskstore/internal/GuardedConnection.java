package dev.taskstore.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The connection a {@code jdbc} step sees: the unit of work's own, with every method that would end or
 * reconfigure the unit of work refused, as Spring's transaction-aware proxies refuse them. Statements and
 * savepoints pass through. The statements and metadata it hands out are guarded the same way (their
 * {@code getConnection()} is this proxy), and {@code unwrap} gives the driver's extension interfaces (e.g.
 * pgjdbc's {@code PGConnection} for COPY) but never the raw connection. Usable only while the step runs. Not
 * public API.
 */
final class GuardedConnection {

  /** Methods that end the unit of work or change how it runs; {@code rollback(Savepoint)} stays allowed. */
  private static final Set<String> REFUSED = Set.of("close", "commit", "abort", "setAutoCommit", "setReadOnly",
      "setTransactionIsolation", "setCatalog", "setSchema", "setNetworkTimeout", "setHoldability",
      "setClientInfo", "setTypeMap");

  /** What the proxy hands out that leads back to the connection, and so is guarded too. */
  private static final Set<Class<?>> CHILDREN = Set.of(Statement.class, PreparedStatement.class,
      CallableStatement.class, DatabaseMetaData.class, ResultSet.class);

  private GuardedConnection() {}

  /** A guarded view of {@code target}, refused altogether once {@code usable} turns false. */
  static Connection over(Connection target, BooleanSupplier usable) {
    Connection[] self = new Connection[1];
    self[0] = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Handler(target, () -> self[0], usable));
    return self[0];
  }

  /** The handler of the connection and of everything it hands out. */
  private static final class Handler implements InvocationHandler {
    private final Object target;
    private final Supplier<Connection> connection;
    private final BooleanSupplier usable;

    Handler(Object target, Supplier<Connection> connection, BooleanSupplier usable) {
      this.target = target;
      this.connection = connection;
      this.usable = usable;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (method.getDeclaringClass() == Object.class) {
        return switch (name) {
          case "equals" -> proxy == args[0];
          case "hashCode" -> System.identityHashCode(proxy);
          default -> "taskstore jdbc-step view of " + target;
        };
      }
      boolean isConnection = target instanceof Connection && proxy == connection.get();
      if (isConnection && name.equals("isClosed")) {
        return !usable.getAsBoolean() || ((Connection) target).isClosed();
      }
      if (!usable.getAsBoolean()) {
        throw new IllegalStateException("the jdbc step has ended: use its connection only inside the callback");
      }
      if (isConnection && (REFUSED.contains(name) || (name.equals("rollback") && method.getParameterCount() == 0))) {
        throw new IllegalStateException("Connection." + name + " is not allowed in a jdbc step: taskstore owns the "
            + "unit of work and commits it when the block returns, rolls it back when the block throws and "
            + "returns the connection itself; use savepoints or a nested inTransaction for partial rollback");
      }
      if (name.equals("getConnection") && method.getParameterCount() == 0) {
        return connection.get();
      }
      if (name.equals("unwrap")) {
        return unwrap(proxy, (Class<?>) args[0]);
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      Class<?> type = method.getReturnType();
      if (result != null && CHILDREN.contains(type)) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
            new Handler(result, connection, usable));
      }
      return result;
    }

    /**
     * The driver's extension interfaces, as a view that offers only their methods; this proxy itself for
     * {@code java.sql} types it implements; never the raw object, whose connection is not guarded.
     */
    private Object unwrap(Object proxy, Class<?> iface) throws Exception {
      if (iface.isInstance(proxy)) {
        return proxy;
      }
      if (!iface.isInterface() || Connection.class.isAssignableFrom(iface) || Statement.class.isAssignableFrom(iface)
          || DatabaseMetaData.class.isAssignableFrom(iface) || ResultSet.class.isAssignableFrom(iface)) {
        throw new IllegalStateException("unwrap(" + iface.getName() + ") is not allowed in a jdbc step: it would "
            + "give the unguarded connection; unwrap to a driver interface such as org.postgresql.PGConnection");
      }
      Object raw = target.getClass().getMethod("unwrap", Class.class).invoke(target, iface);
      return Proxy.newProxyInstance(iface.getClassLoader(), new Class<?>[] {iface}, (p, m, a) -> {
        if (!usable.getAsBoolean()) {
          throw new IllegalStateException("the jdbc step has ended: use its connection only inside the callback");
        }
        try {
          return m.invoke(raw, a);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      });
    }
  }
}
