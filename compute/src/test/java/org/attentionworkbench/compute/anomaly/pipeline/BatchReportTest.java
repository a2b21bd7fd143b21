package org.attentionworkbench.compute.anomaly.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.attentionworkbench.compute.TestDevices;
import org.attentionworkbench.compute.anomaly.data.CategoryFolders;
import org.attentionworkbench.compute.anomaly.report.BatchReport;
import org.attentionworkbench.compute.tensor.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** report.html: self-contained, well-formed, the ROC, the N worst images with their prompt match, escaped names. */
class BatchReportTest {
    private static final String EVIL = "x<script>alert('1')<img src=z onerror=alert(2)>&\"y"; // no '/' in a file name
    private final Device device = TestDevices.java();

    private List<BatchReport.Section> run(Path root) throws IOException {
        List<CategoryInspection.CategoryRequest> reqs = CategoryInspection.requests(CategoryFolders.open(root,
                Set.of()), root.resolve("stand-in"), 1, InspectionRequest.Options.defaults().withInputSize(32));
        List<PromptSet> prompts = new ArrayList<>();
        CategoryInspection.Result result;
        try (ColourPatches fx = new ColourPatches(device, 4, 32)) {
            result = CategoryInspection.run(reqs, fx, (i, c) -> new InspectionListener() {
                @Override
                public void prompts(PromptSet p) {
                    prompts.add(p);
                }
            }, () -> false);
        }
        List<BatchReport.Section> sections = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            CategoryInspection.CategoryResult c = result.categories().get(k);
            sections.add(new BatchReport.Section(c.name(), c.run(), prompts.get(k)));
        }
        return sections;
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> byClass(Document d, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList nl = d.getElementsByTagName(tag);
        for (int i = 0; i < nl.getLength(); i++) {
            Element e = (Element) nl.item(i);
            if ((" " + e.getAttribute("class") + " ").contains(" " + cls + " ")) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void aSelfContainedPageWithRocWorstImagesAndEscapedNames(@TempDir Path dir) throws Exception {
        Path root = CategoryInspectionTest.twoCategories(dir.resolve("set"));
        // a defect whose file name is markup: it must show as text, never as a tag
        CategoryInspectionTest.part(root.resolve("grey/test/spot/" + EVIL + ".png"), 0x7a7a7a, 0xdc1b1b);
        List<BatchReport.Section> sections = run(root);
        Path file = dir.resolve(BatchReport.FILE);
        BatchReport.write(file, "QA <batch> & co", sections, 5, device);
        String html = Files.readString(file);

        Document doc = parse(html); // well-formed (XHTML syntax): throws otherwise
        assertEquals("html", doc.getDocumentElement().getLocalName());
        String every = BatchReport.html("t", sections, 50, device); // every image shown, the evil one too
        parse(every);
        assertFalse(every.toLowerCase().contains("<script"), "a file name became a tag");
        assertFalse(every.contains("<img src=z"), "a file name became a tag");
        assertTrue(every.contains("x&lt;script&gt;alert(&#39;1&#39;)&lt;img src=z onerror=alert(2)&gt;&amp;&quot;y.png"),
                "escaped name");
        assertTrue(html.contains("QA &lt;batch&gt; &amp; co"));
        // nothing fetched from anywhere: no script, no link, every image inline
        assertEquals(0, doc.getElementsByTagName("script").getLength());
        assertEquals(0, doc.getElementsByTagName("link").getLength());
        NodeList imgs = doc.getElementsByTagName("img");
        assertTrue(imgs.getLength() > 0);
        for (int i = 0; i < imgs.getLength(); i++) {
            String src = ((Element) imgs.item(i)).getAttribute("src");
            assertTrue(src.startsWith("data:image/png;base64,"), src.substring(0, Math.min(40, src.length())));
            assertNotNull(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                    src.substring("data:image/png;base64,".length())))), "a PNG that decodes");
        }
        // the ROC: inline SVG with one curve per category
        List<Element> roc = byClass(doc, "svg", "roc");
        assertEquals(1, roc.size());
        assertEquals(2, byClass(doc, "polyline", "curve").size());
        // the 5 worst: heatmap and prompt match each; every one a defect (the categories separate perfectly)
        Element worst = doc.getElementById("worst") != null ? doc.getElementById("worst") : find(doc, "worst");
        List<Element> cards = new ArrayList<>();
        for (Element fig : byClass(doc, "figure", "worst")) {
            cards.add(fig);
            assertEquals(2, fig.getElementsByTagName("img").getLength(), "heatmap + boxed prompt");
            String caption = fig.getElementsByTagName("figcaption").item(0).getTextContent();
            assertTrue(caption.contains("/spot/") && caption.contains("flagged"), caption);
            assertTrue(caption.contains("closest normal patch: prompt"), caption);
        }
        assertNotNull(worst);
        assertEquals(5, cards.size());
        // summary: a row per category and the mean
        assertEquals(1, byClass(doc, "tr", "mean").size());
        assertTrue(html.contains("<td>grey</td>") && html.contains("<td>red</td>"));
        // no false negatives here: said so
        assertTrue(html.contains("False negatives: 0"), "fn section");

        // a smaller N gives fewer cards, a larger one all scored images (13)
        assertEquals(2, count(BatchReport.html("t", sections, 2, device), "<figure class=\"card worst\">"));
        assertEquals(13, count(BatchReport.html("t", sections, 50, device), "<figure class=\"card worst\">"));
    }

    @Test
    void listsTheDefectsTheThresholdMissed(@TempDir Path dir) throws Exception {
        Path root = CategoryInspectionTest.twoCategories(dir.resolve("set"));
        // a defect that looks exactly like the prompt: labelled a defect, scored as normal
        CategoryInspectionTest.part(root.resolve("grey/test/spot/invisible.png"), 0x7e7e7e, 0);
        String html = BatchReport.html("t", run(root), 12, TestDevices.java());
        Document doc = parse(html);
        List<Element> missed = byClass(doc, "figure", "missed");
        assertEquals(1, missed.size(), html.substring(html.indexOf("False negatives")));
        assertTrue(missed.get(0).getTextContent().contains("grey/test/spot/invisible.png"));
    }

    private static Element find(Document d, String id) {
        NodeList nl = d.getElementsByTagName("div");
        for (int i = 0; i < nl.getLength(); i++) {
            if (id.equals(((Element) nl.item(i)).getAttribute("id"))) {
                return (Element) nl.item(i);
            }
        }
        return null;
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
