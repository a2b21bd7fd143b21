/**
 * What the shell and its pages share: {@link org.attentionworkbench.app.workspace.Workbench} (the
 * services and shared state every page is given), {@link org.attentionworkbench.app.workspace.Workspace}
 * (what a page gives the shell), {@link org.attentionworkbench.app.workspace.Dialogs}, and the Images page.
 *
 * <p>The workspaces depend on this package and {@code layout} assembles them, so nothing here may
 * import {@code layout} or a workspace package.
 */
package org.attentionworkbench.app.workspace;
