package org.attentionworkbench.app.layout;

import atlantafx.base.theme.NordDark;
import atlantafx.base.theme.NordLight;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Arrays;
import java.util.function.Supplier;
import javafx.application.Application;

/** The AtlantaFX themes offered in View ▸ Theme; the enum name is what settings store. */
public enum Theme {
    PRIMER_LIGHT("Primer Light", PrimerLight::new),
    PRIMER_DARK("Primer Dark", PrimerDark::new),
    NORD_LIGHT("Nord Light", NordLight::new),
    NORD_DARK("Nord Dark", NordDark::new);

    private final String title;
    private final Supplier<atlantafx.base.theme.Theme> atlanta;

    Theme(String title, Supplier<atlantafx.base.theme.Theme> atlanta) {
        this.title = title;
        this.atlanta = atlanta;
    }

    public String title() {
        return title;
    }

    /** Installs this theme for every window of the application. */
    public void apply() {
        Application.setUserAgentStylesheet(atlanta.get().getUserAgentStylesheet());
    }

    /** The theme a settings value names; the default for unknown names. */
    public static Theme fromName(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(name)).findFirst().orElse(PRIMER_LIGHT);
    }
}
