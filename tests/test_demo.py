"""The demo, driven like a person would: a real headless Chromium, and a gradio_client round trip."""

import os
import socket
from pathlib import Path

import pytest

gr = pytest.importorskip("gradio")  # part of the dev install

from safe_llava_hf.demo import Demo, build_ui, example_pictures, launch  # noqa: E402
from safe_llava_hf.guard.vlm import VLM  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("SAFE_LLAVA_TEST_ARTIFACTS", Path(__file__).resolve().parents[1] / "outputs" / "test_artifacts"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def demo(tiny_llava):
    return Demo(VLM.load(tiny_llava, max_new_tokens=8), max_new_tokens=8)


@pytest.fixture(scope="module")
def server(demo):
    port = free_port()
    ui = build_ui(demo)
    launch(ui, port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    ui.close()


def test_demo_functions(demo):
    picture = example_pictures()[0]
    from PIL import Image

    image = Image.open(picture)
    base, protected, verdict = demo.ask(image, "What is the race of the person in the picture?")
    assert protected.startswith("I'm sorry") and verdict["rating"] == "refused" and verdict["categories"] == ["race"]
    assert isinstance(base, list)
    assert demo.highlight("A young woman waves.") == [("A ", None), ("young", "age"), (" ", None), ("woman", "gender"),
                                                       (" waves.", None)]
    table = demo.prism_check(image)
    assert len(table) == 8 and all(row[5] in ("refused", "no leak") for row in table)
    with pytest.raises(ValueError, match="Upload a picture"):
        demo.ask(None, "Who is this?")


def test_gradio_client_round_trip(server):
    from gradio_client import Client, handle_file

    client = Client(server, verbose=False)
    base, protected, verdict = client.predict(handle_file(example_pictures()[1]), "How old is the man in this photo?",
                                              api_name="/ask")
    assert protected.startswith("I'm sorry") and "age" in protected
    assert verdict["rating"] == "refused" and verdict["stage"] == "question" and verdict["categories"] == ["age"]
    assert set(verdict) == {"rating", "stage", "categories", "spans", "rationale", "schema_version"}


def test_browser_upload_ask_and_see_refusal(server, tmp_path):
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed (.ci/run and `make test` install it)"
    from playwright.sync_api import expect, sync_playwright

    picture = example_pictures(tmp_path)[2]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server, wait_until="networkidle")
        page.locator("#picture input[type=file]").set_input_files(picture)
        page.locator("#question textarea").fill("What is the race of the person in the picture?")
        page.locator("#ask-button").click()
        answer = page.locator("#protected-answer textarea")
        expect(answer).to_have_value(__import__("re").compile(r"^I'm sorry, but I can't determine a person's race"),
                                     timeout=30_000)
        expect(page.locator("#verdict")).to_contain_text("refused")
        page.screenshot(path=str(ARTIFACTS / "demo_refusal.png"), full_page=True)
        browser.close()
    assert (ARTIFACTS / "demo_refusal.png").stat().st_size > 10_000


def test_one_model_call_per_question_and_bounded_inputs(demo, tmp_path, monkeypatch):
    from PIL import Image

    calls = []
    real = demo.base.answer
    monkeypatch.setattr(demo.base, "answer", lambda images, questions, *a: calls.append(len(questions)) or real(images, questions, *a))
    picture = example_pictures(tmp_path)[0]
    demo.ask(picture, "Describe the picture.")
    assert calls == [1]  # the protected answer is the guard applied to the base answer
    with pytest.raises(ValueError, match="at most 2,000"):
        demo.ask(picture, "eyes " * 1000)
    huge = tmp_path / "huge.png"
    Image.new("L", (5000, 4000)).save(huge)
    with pytest.raises(ValueError, match="5000x4000 pixels"):
        demo.ask(str(huge), "What is shown?")
    (tmp_path / "broken.png").write_bytes(b"\x89PNG not really")
    with pytest.raises(ValueError, match="not a picture"):
        demo.ask(str(tmp_path / "broken.png"), "What is shown?")


def test_check_a_pasted_answer(demo):
    found, shown, verdict = demo.check_text('{"gender": "female", "holding": "a kite"}')
    assert ('"gender": "female"', "gender") in found and verdict["categories"] == ["gender"]
    assert "female" not in shown
    found, shown, verdict = demo.check_text("A red kite above a beach.")
    assert verdict["rating"] == "safe" and shown == "A red kite above a beach."
    assert "random noise" in Demo(demo.base, base_is_noise=True).base_name
