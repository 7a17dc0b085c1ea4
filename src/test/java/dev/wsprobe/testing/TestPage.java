package dev.wsprobe.testing;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * wsprobe's browser test page as a person uses it: type, click, and read what it shows. Waits are Selenium's
 * explicit waits on what appears on the page, bounded by {@link Await#PATIENCE} (doubled: a browser on a
 * loaded 2-core machine is slow).
 */
public final class TestPage {
    private final WebDriver driver;
    private final WebDriverWait wait;

    public TestPage(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Await.PATIENCE.multipliedBy(2), Duration.ofMillis(50));
    }

    public TestPage open(String pageUrl) {
        driver.get(pageUrl);
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", "closed"));
        return this;
    }

    public String url() {
        return element("url").getDomProperty("value");
    }

    public void setUrl(String url) {
        WebElement field = element("url");
        field.clear();
        field.sendKeys(url);
    }

    public void chooseOwnEndpoint(String name) {
        driver.findElement(By.cssSelector("button[data-path='" + name + "']")).click();
    }

    public void connect() {
        element("connect").click();
    }

    public void awaitState(String state) {
        wait.until(ExpectedConditions.attributeToBe(By.id("state"), "data-state", state));
    }

    /** Types a short message into the box. */
    public void typeMessage(String text) {
        WebElement box = element("message");
        box.clear();
        box.sendKeys(text);
    }

    /** Puts a long message into the box the way a paste would (typing 64 KiB key by key takes minutes). */
    public void pasteMessage(String text) {
        ((JavascriptExecutor) driver).executeScript("document.getElementById('message').value = arguments[0];", text);
    }

    public void sendText() {
        element("send-text").click();
    }

    public void sendBinary() {
        element("send-binary").click();
    }

    public void sendFile(Path file) {
        element("file").sendKeys(file.toAbsolutePath().toString());
        element("send-file").click();
    }

    public void startPeriodic(String seconds) {
        WebElement interval = element("interval");
        interval.clear();
        interval.sendKeys(seconds);
        element("periodic").click();
    }

    public void stopPeriodic() {
        element("periodic").click();
    }

    /** Unfolds the options (subprotocols, close code and reason), folded at first on a phone. */
    public void showOptions() {
        if (element("options").getDomAttribute("open") == null) {
            driver.findElement(By.cssSelector("#options > summary")).click();
        }
    }

    /** Types the comma-separated subprotocols to offer. */
    public void setProtocols(String protocols) {
        showOptions();
        WebElement field = element("protocols");
        field.clear();
        field.sendKeys(protocols);
    }

    /** What the state badge says now. */
    public String stateLabel() {
        return element("state").getText();
    }

    /** Whether the element with this id is rendered (not hidden, not display: none). */
    public boolean visible(String id) {
        return element(id).isDisplayed();
    }

    public void awaitVisible(String id) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    public void awaitHidden(String id) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id(id)));
    }

    /** Waits until the element's text contains {@code text}. */
    public void awaitText(String id, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), text));
    }

    public boolean periodicTicked() {
        return element("periodic").isSelected();
    }

    /** Types a close code (without clicking Disconnect). */
    public void typeCloseCode(String code) {
        showOptions();
        WebElement codeField = element("close-code");
        codeField.clear();
        codeField.sendKeys(code);
    }

    /** Clicks Disconnect with whatever the close fields hold. */
    public void clickDisconnect() {
        element("disconnect").click();
    }

    /** A property of the element with this id, as the browser has it (value, validationMessage, ...). */
    public String property(String id, String name) {
        return element(id).getDomProperty(name);
    }

    public void disconnect(int code, String reason) {
        showOptions();
        WebElement codeField = element("close-code");
        codeField.clear();
        codeField.sendKeys(Integer.toString(code));
        WebElement reasonField = element("close-reason");
        reasonField.clear();
        reasonField.sendKeys(reason);
        element("disconnect").click();
    }

    /** Waits for the {@code count}-th log entry matching {@code css} (within #log) and returns it. */
    public WebElement awaitEntry(String css, int count) {
        By selector = By.cssSelector("#log li" + css);
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(selector, count - 1));
        return driver.findElements(selector).get(count - 1);
    }

    public WebElement awaitEntry(String css) {
        return awaitEntry(css, 1);
    }

    public int count(String css) {
        return driver.findElements(By.cssSelector("#log li" + css)).size();
    }

    public String text(String id) {
        return element(id).getText();
    }

    public void clearLog() {
        element("clear").click();
    }

    private WebElement element(String id) {
        return driver.findElement(By.id(id));
    }
}
