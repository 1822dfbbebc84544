package dev.taskstore.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * The parameterised SQL that one database call prepares, recorded only while something will show it (the TRACE
 * log of {@code dev.taskstore.sql}, or {@code db.query.text} on Observations when the store enables it): the
 * statement text with its {@code ?} placeholders, never a bound value. The statement runner starts a recording
 * around a call ({@link #begin}); taskstore's own statements reach it through a connection that notes what it
 * prepares ({@link #noting}), and the ones jOOQ runs itself through jOOQ's execute listener. A caller's own JDBC
 * step is never recorded: its SQL is the application's, and may hold literal values. Not public API.
 */
final class SqlText {

  private static final ThreadLocal<SqlText> CURRENT = new ThreadLocal<>();

  private final SqlText outer;
  private String text;

  private SqlText(SqlText outer) {
    this.outer = outer;
  }

  /** Starts recording the SQL of the call about to run on this thread. */
  static SqlText begin() {
    SqlText recording = new SqlText(CURRENT.get());
    CURRENT.set(recording);
    return recording;
  }

  /** Ends this recording (the enclosing one, if any, records again); returns what was prepared, or null. */
  String end() {
    if (outer == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(outer);
    }
    return text;
  }

  /** Notes one statement of the current call, if a recording runs on this thread. */
  static void note(String sql) {
    SqlText recording = CURRENT.get();
    if (recording != null && sql != null) {
      // A call of several statements (a bulk insert's rows, a read and its retry) shows them in order.
      recording.text = recording.text == null ? sql : recording.text + ";\n" + sql;
    }
  }

  /**
   * {@code connection}, or a view of it that notes the SQL it prepares when a recording runs on this thread.
   * Everything else passes through unchanged, {@code unwrap} included.
   */
  static Connection noting(Connection connection) {
    if (CURRENT.get() == null) {
      return connection;
    }
    return (Connection) Proxy.newProxyInstance(SqlText.class.getClassLoader(), new Class<?>[] {Connection.class},
        new Noting(connection));
  }

  private record Noting(Connection target) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null
          && args[0] instanceof String sql) {
        note(sql);
      }
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
