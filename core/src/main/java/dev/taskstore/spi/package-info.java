/**
 * The contracts between taskstore's public API and its implementation: argument checks the records share with
 * the repositories, and the engine a {@link dev.taskstore.TaskStore} is a face of, found with
 * {@link java.util.ServiceLoader}. Not API: nothing here is exported from the module, and any of it may change
 * in any release.
 */
package dev.taskstore.spi;
