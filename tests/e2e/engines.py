"""Firefox ESR and WebKitGTK from Debian, driven through their standard automation interfaces.

Playwright drives Debian's Chromium (the rest of tests/e2e). It cannot drive these two: its
own patched builds cannot be downloaded here, and its WebDriver BiDi channel for stock Firefox
(`moz-firefox`) sends `emulation.setMediaFeaturesOverride`, which Firefox ESR 153 answers with
"unknown command" before a page can open. So:

- Firefox: WebDriver BiDi spoken directly to `firefox-esr --remote-debugging-port` (one
  websocket, JSON commands). No geckodriver: Debian has no package, and the PyPI
  `geckodriver-wrapper` ships only a Windows .exe.
- WebKitGTK: classic WebDriver (JSON over HTTP) to `WebKitWebDriver`, which runs MiniBrowser
  under Xvfb (`--headless` hangs there). WebKitGTK 2.50's driver refuses `webSocketUrl`, so BiDi
  is not an option for it.

Both are small: a journey needs to open a page, run a function in it, click, type natively,
size the viewport and take a screenshot. `Tab` is that surface; the journeys in
test_engines.py see nothing else.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import Any

from websockets.sync.client import connect

FIREFOX = "/usr/bin/firefox-esr"
WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
STARTUP_TIMEOUT = 60  # seconds for a browser to accept commands on a loaded two-core machine


def call(fn: str) -> str:
    """An async function calling `fn` (a function's source) with JSON arguments and answering in
    JSON, so neither protocol's value serialisation matters. Source, not eval: the site's CSP
    forbids eval."""
    return f"async (args) => JSON.stringify((await ({fn})(...JSON.parse(args))) ?? null)"


# Uncaught errors, for WebKit: its classic driver has no log endpoint and no way to run a script
# before the page's own, so this listener is installed right after each navigation.
LISTEN = """() => {
  if (window.__problems) return;
  window.__problems = [];
  addEventListener("error", (e) => window.__problems.push(`pageerror: ${e.message}`));
  addEventListener("unhandledrejection", (e) => window.__problems.push(`rejection: ${e.reason}`));
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def until(check: Callable[[], Any], what: str, timeout: float = 60) -> Any:
    """Call `check` until it returns something truthy, and return that."""
    deadline = time.monotonic() + timeout
    while not (value := check()):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {what}")
        time.sleep(0.05)  # a poll interval, not a wait for time to pass
    return value


class Tab:
    """One browser tab. `run(fn, *args)` calls the JavaScript function `fn` in the page and
    returns its (awaited) result; `wait(fn, ...)` calls it until it returns something truthy."""

    def goto(self, url: str) -> None:
        self._arrive(lambda: self._navigate(url), urllib.parse.urlsplit(url).path)

    def reload(self) -> None:
        self._arrive(lambda: self._navigate(None), None)

    def _arrive(self, navigate: Callable[[], None], path: str | None) -> None:
        """Navigate, then wait until the new document at `path` (None: any) has loaded.
        Firefox's navigate and reload with wait="complete" sometimes answer while the next page
        is still loading, so the old document is marked first, and only a mark that took counts
        (a CI run on a loaded machine once saw the marking miss, the old page pass for the new
        one, and the new page then found mid-parse, without a body)."""
        self.wait("() => { window.__left = true; return true; }")
        navigate()
        self.wait(
            "(path) => !window.__left && document.readyState === 'complete'"
            " && document.body !== null && (path === null || location.pathname === path)",
            path,
        )

    def _navigate(self, url: str | None) -> None:
        """Load `url`, or reload the page with None."""
        raise NotImplementedError

    def run(self, fn: str, *args: Any) -> Any:
        raise NotImplementedError

    def click(self, css: str) -> None:
        raise NotImplementedError

    def click_at(self, x: float, y: float) -> None:
        """A mouse click at this point of the viewport (CSS pixels)."""
        raise NotImplementedError

    def type(self, css: str, text: str) -> None:
        """Replace the field's value by typing `text` with the keyboard."""
        raise NotImplementedError

    def set_viewport(self, width: int, height: int) -> None:
        raise NotImplementedError

    def screenshot(self, path: Path) -> None:
        raise NotImplementedError

    def problems(self) -> list[str]:
        """Uncaught errors the pages of this tab threw, since the last call."""
        raise NotImplementedError

    def wait(self, fn: str, *args: Any, timeout: float = 60) -> Any:
        return until(lambda: self._try(fn, args), f"{fn} {args}", timeout)

    def _try(self, fn: str, args: tuple[Any, ...]) -> Any:
        try:
            return self.run(fn, *args)
        except EngineError:  # the page is navigating; the next poll finds the new one
            return None

    def url(self) -> str:
        return self.run("() => location.href")


class EngineError(AssertionError):
    pass


# --- Firefox: WebDriver BiDi ---------------------------------------------------------------------


class Bidi:
    """A WebDriver BiDi session over one websocket; events are kept as they arrive."""

    def __init__(self, url: str) -> None:
        self.stack = ExitStack()
        self.ws = self.stack.enter_context(
            connect(url, max_size=None, open_timeout=STARTUP_TIMEOUT)
        )
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv(timeout=300))
            if message.get("type") == "event":
                self.events.append(message)
            elif message.get("id") == self.next_id:
                if message["type"] == "error":
                    raise EngineError(f"{method}: {message['error']}: {message['message']}")
                return message["result"]

    def close(self) -> None:
        self.stack.close()


# Firefox logs this when a test navigates away while the service worker still answers one of the
# old page's requests (the request has no address left by then); a reader sees nothing.
ABORTED = "Failed to load ‘’. A ServiceWorker intercepted the request"


class FirefoxTab(Tab):
    def __init__(self, bidi: Bidi, context: str) -> None:
        self.bidi, self.context = bidi, context
        self.seen = len(bidi.events)

    def _navigate(self, url: str | None) -> None:
        if url is None:
            self.bidi.send("browsingContext.reload", context=self.context, wait="complete")
        else:
            self.bidi.send(
                "browsingContext.navigate", context=self.context, url=url, wait="complete"
            )

    def run(self, fn: str, *args: Any) -> Any:
        answer = self.bidi.send(
            "script.callFunction",
            functionDeclaration=call(fn),
            arguments=[{"type": "string", "value": json.dumps(args)}],
            target={"context": self.context},
            awaitPromise=True,
        )
        if answer["type"] == "exception":
            raise EngineError(answer["exceptionDetails"]["text"])
        return json.loads(answer["result"]["value"])

    def _element(self, css: str) -> dict[str, str]:
        answer = self.bidi.send(
            "script.callFunction",
            functionDeclaration="(css) => { const e = document.querySelector(css); "
            "e.scrollIntoView({block: 'center'}); return e; }",
            arguments=[{"type": "string", "value": css}],
            target={"context": self.context},
            awaitPromise=False,
        )
        if answer["type"] == "exception":
            raise EngineError(f"{css}: {answer['exceptionDetails']['text']}")
        return {"sharedId": answer["result"]["sharedId"]}

    def click(self, css: str) -> None:
        self._click({"type": "element", "element": self._element(css)}, 0, 0)

    def click_at(self, x: float, y: float) -> None:
        self._click("viewport", x, y)

    def _click(self, origin: Any, x: float, y: float) -> None:
        moves = [
            {"type": "pointerMove", "x": int(x), "y": int(y), "origin": origin},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
        ]
        self._actions({"type": "pointer", "id": "mouse", "actions": moves})

    def type(self, css: str, text: str) -> None:
        self._element(css)
        self.run("(css) => { const e = document.querySelector(css); e.focus(); e.select(); }", css)
        keys = [{"type": t, "value": c} for c in text or "\ue003" for t in ("keyDown", "keyUp")]
        self._actions({"type": "key", "id": "keyboard", "actions": keys})

    def _actions(self, source: dict[str, Any]) -> None:
        self.bidi.send("input.performActions", context=self.context, actions=[source])
        self.bidi.send("input.releaseActions", context=self.context)

    def set_viewport(self, width: int, height: int) -> None:
        self.bidi.send(
            "browsingContext.setViewport",
            context=self.context,
            viewport={"width": width, "height": height},
        )

    def screenshot(self, path: Path) -> None:
        data = self.bidi.send("browsingContext.captureScreenshot", context=self.context)["data"]
        path.write_bytes(base64.b64decode(data))

    def problems(self) -> list[str]:
        self.bidi.send("session.status")  # delivers the events sent before it
        found = [
            f"{e['params']['type']}: {e['params']['text']}"
            for e in self.bidi.events[self.seen :]
            if e["method"] == "log.entryAdded"
            and e["params"]["level"] == "error"
            and e["params"]["source"].get("context") == self.context
            and not e["params"]["text"].startswith(ABORTED)
        ]
        self.seen = len(self.bidi.events)
        return found


class Firefox:
    """firefox-esr, headless, on a profile of its own, with BiDi on a free port."""

    name = "firefox"

    def __init__(self) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="firefox-profile-"))
        # The remote agent sets its recommended preferences itself; these keep a test browser
        # from contacting Mozilla while the test server is the only host the page may reach.
        (self.profile / "user.js").write_text(
            'user_pref("app.normandy.enabled", false);\n'
            'user_pref("messaging-system.rsexperimentloader.enabled", false);\n'
            'user_pref("services.settings.server", "http://127.0.0.1:9/");\n',
            encoding="utf-8",
        )
        port = _free_port()
        command = [FIREFOX, "--headless", "--no-remote", "--profile", str(self.profile)]
        self.process = subprocess.Popen(
            [*command, "--remote-debugging-port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        listening = threading.Event()

        def drain() -> None:  # Firefox writes a lot; an unread pipe would block it
            assert self.process.stderr is not None
            for line in self.process.stderr:
                if "WebDriver BiDi listening on" in line:
                    listening.set()

        threading.Thread(target=drain, daemon=True).start()
        if not listening.wait(STARTUP_TIMEOUT):
            self.close()
            raise EngineError("firefox-esr did not start its WebDriver BiDi server")
        self.bidi = Bidi(f"ws://127.0.0.1:{port}/session")
        self.bidi.send("session.new", capabilities={})
        self.bidi.send("session.subscribe", events=["log.entryAdded"])
        (top,) = self.bidi.send("browsingContext.getTree", maxDepth=0)["contexts"]
        self.tab = FirefoxTab(self.bidi, top["context"])

    def fresh_tab(self) -> tuple[Tab, Any]:
        """A tab in a new user context: its own storage, caches and service workers."""
        user = self.bidi.send("browser.createUserContext")["userContext"]
        context = self.bidi.send("browsingContext.create", type="tab", userContext=user)
        return FirefoxTab(self.bidi, context["context"]), user

    def close_tab(self, handle: Any) -> None:
        self.bidi.send("browser.removeUserContext", userContext=handle)

    def close(self) -> None:
        try:
            self.bidi.send("browser.close")
            self.bidi.close()
        except Exception:  # already gone: closing is best effort, the process is killed below
            pass
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


# --- WebKitGTK: classic WebDriver ---------------------------------------------------------------

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class WebKitTab(Tab):
    """A WebDriver session: one MiniBrowser window with its own (ephemeral) website data."""

    def __init__(self, driver: str) -> None:
        self.driver = driver
        capabilities = {
            "webkitgtk:browserOptions": {
                "binary": MINIBROWSER,
                "args": ["--automation", "--full-screen"],
            },
            "timeouts": {"script": 120_000},
        }
        answer = self._http(
            "POST", "/session", {"capabilities": {"alwaysMatch": capabilities}}, STARTUP_TIMEOUT
        )
        self.session = f"/session/{answer['sessionId']}"

    def _http(self, method: str, path: str, body: Any = None, timeout: float = 300) -> Any:
        request = urllib.request.Request(
            self.driver + path,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.load(response)["value"]
        except urllib.error.HTTPError as error:
            value = json.load(error)["value"]
            raise EngineError(f"{path}: {value['error']}: {value['message']}") from None

    def _command(self, method: str, path: str, body: Any = None, timeout: float = 300) -> Any:
        return self._http(method, self.session + path, body, timeout)

    def _navigate(self, url: str | None) -> None:
        if url is None:
            self._command("POST", "/refresh", {})
        else:
            self._command("POST", "/url", {"url": url})

    def _arrive(self, navigate: Callable[[], None], path: str | None) -> None:
        super()._arrive(navigate, path)
        self.run(LISTEN)

    def run(self, fn: str, *args: Any) -> Any:
        script = (
            f"const done = arguments[1]; ({call(fn)})(arguments[0])"
            ".then(done, (e) => done(JSON.stringify({__error: String(e)})));"
        )
        body = {"script": script, "args": [json.dumps(args)]}
        answer = json.loads(self._command("POST", "/execute/async", body))
        if isinstance(answer, dict) and "__error" in answer:
            raise EngineError(answer["__error"])
        return answer

    def _element(self, css: str) -> str:
        found = self._command("POST", "/element", {"using": "css selector", "value": css})
        return f"/element/{found[ELEMENT]}"

    def _on(self, css: str, action: str, body: dict[str, Any]) -> None:
        """`action` on the element, scrolled to the centre of the window first: WebKitWebDriver
        scrolls only as far as its edge, where a sticky bar (the header, a widget's result bar)
        can cover it. Charts drawn after a pause can still move it away before the command
        lands ("not interactable"): then it is centred again and tried again, as Playwright
        waits for an element to be stable."""
        deadline = time.monotonic() + 10
        while True:
            self.run("(css) => document.querySelector(css).scrollIntoView({block: 'center'})", css)
            try:
                self._command("POST", f"{self._element(css)}/{action}", body)
                return
            except EngineError as error:
                if "not interactable" not in str(error) or time.monotonic() > deadline:
                    raise
            time.sleep(0.25)

    def click(self, css: str) -> None:
        self._on(css, "click", {})

    def click_at(self, x: float, y: float) -> None:
        moves = [
            {"type": "pointerMove", "x": int(x), "y": int(y), "origin": "viewport"},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0},
        ]
        mouse = {"type": "pointer", "id": "mouse", "actions": moves}
        self._command("POST", "/actions", {"actions": [mouse]})
        self._command("DELETE", "/actions")

    def type(self, css: str, text: str) -> None:
        self._on(css, "clear", {})
        if text:
            self._on(css, "value", {"text": text})

    def set_viewport(self, width: int, height: int) -> None:
        # The window rect includes MiniBrowser's own chrome: size it, then correct by what the
        # page actually got.
        self._command("POST", "/window/rect", {"width": width, "height": height})
        inner = self.run("() => [innerWidth, innerHeight]")
        self._command(
            "POST",
            "/window/rect",
            {"width": 2 * width - inner[0], "height": 2 * height - inner[1]},
        )

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self._command("GET", "/screenshot")))

    def problems(self) -> list[str]:
        return self.run("() => (window.__problems || []).splice(0)")

    def close(self) -> None:
        with suppress(EngineError, OSError):  # the window is gone already, or hangs: killed next
            self._command("DELETE", "", timeout=STARTUP_TIMEOUT)


class WebKit:
    """WebKitWebDriver on a private Xvfb display; every session is a new MiniBrowser with its own
    ephemeral website data. The driver allows one session at a time, and after a session whose
    server went away a new one could hang, so a fresh tab gets a driver of its own: the shared
    tab's driver stops, and a new one starts for the shared tab when the fresh tab is closed."""

    name = "webkit"

    def __init__(self) -> None:
        read, write = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "390x844x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as display:
            self.display = f":{display.readline().strip()}"
        self.tab = self._start()

    def _start(self) -> WebKitTab:
        port = _free_port()
        env = {
            **os.environ,
            "DISPLAY": self.display,
            # WebKit's sandbox (bubblewrap) cannot start as root in a container; CI runs as root.
            "WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS": "1",
        }
        self.driver = subprocess.Popen(
            [WEBKIT_DRIVER, f"--port={port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its MiniBrowser stops with it (see _stop)
        )
        url = f"http://127.0.0.1:{port}"

        def listening() -> bool:  # the driver answers /status once it listens
            try:
                urllib.request.urlopen(url + "/status", timeout=5).close()
                return True
            except OSError:
                return False

        until(listening, "WebKitWebDriver listens", STARTUP_TIMEOUT)
        return WebKitTab(url)

    def _stop(self) -> None:
        self.tab.close()
        os.killpg(self.driver.pid, signal.SIGKILL)  # the driver we started and its MiniBrowser
        self.driver.wait()

    def fresh_tab(self) -> tuple[Tab, Any]:
        self._stop()
        self.tab = self._start()
        return self.tab, None

    def close_tab(self, handle: Any) -> None:
        self._stop()
        self.tab = self._start()

    def close(self) -> None:
        self._stop()
        self.xvfb.kill()
        self.xvfb.wait()


ENGINES = {"firefox": Firefox, "webkit": WebKit}
