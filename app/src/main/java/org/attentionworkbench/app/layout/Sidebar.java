package org.attentionworkbench.app.layout;

import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import org.attentionworkbench.app.workspace.Workspace;

/** The workspace switcher on the left: one toggle per page; exactly one is always selected. */
public final class Sidebar extends VBox {
    private final ToggleGroup group = new ToggleGroup();

    public Sidebar(List<Workspace> pages, Consumer<Workspace> onSelect) {
        getStyleClass().add(AppStyles.SIDEBAR);
        setSpacing(2);
        setPadding(new Insets(10, 8, 10, 8));
        Label title = new Label("WORKSPACES");
        title.getStyleClass().add(AppStyles.SIDEBAR_TITLE);
        getChildren().add(title);
        for (Workspace page : pages) {
            ToggleButton b = new ToggleButton(page.title());
            b.getStyleClass().add(AppStyles.SIDEBAR_BUTTON);
            b.setUserData(page);
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            getChildren().add(b);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                group.selectToggle(old); // clicking the selected page keeps it selected
            } else {
                onSelect.accept((Workspace) now.getUserData());
            }
        });
    }

    /** Selects the first page. */
    public void selectFirst() {
        if (!group.getToggles().isEmpty()) {
            group.selectToggle(group.getToggles().get(0));
        }
    }

    /** Selects the page with this id (e.g. from -Dworkbench.startPage); does nothing for an unknown id. */
    public void select(String id) {
        group.getToggles().stream().filter(t -> ((Workspace) t.getUserData()).id().equals(id)).findFirst()
                .ifPresent(group::selectToggle);
    }
}
