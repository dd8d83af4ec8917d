"""What the dashboard needs from the binary, through HTTP: its files at GET /_emulator/ui
(api/ui, compiled in: no file is read at run time), the instance catalog the page prices
BillableTimeInSeconds with (GET /_emulator/catalog) and the default region in the health
answer (unsigned SageMaker requests act in it). The page itself is tested in a browser
(tests/integration/browser)."""

import json
import os
import re
import unittest

from emulator_process import EmulatorTestCase, http_request

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ASSETS = os.path.join(REPO, "api", "ui", "assets")
CATALOG = os.path.join(REPO, "fixtures", "catalog", "instance-types.json")


class DashboardFilesTest(EmulatorTestCase):
    @classmethod
    def setUpClass(cls):
        cls.start_emulator("--clock", "manual")

    def get(self, path, method="GET"):
        return http_request(self.emu.url + path, method=method)

    def test_the_page_is_index_html_with_or_without_the_slash(self):
        with open(os.path.join(ASSETS, "index.html"), "rb") as f:
            index = f.read()
        for path in ("/_emulator/ui", "/_emulator/ui/", "/_emulator/ui/index.html"):
            with self.subTest(path=path):
                res = self.get(path)
                self.assertEqual(res.status, 200, res)
                self.assertEqual(res.body, index)
                self.assertEqual(res.headers["Content-Type"], "text/html; charset=utf-8")
                self.assertIn("default-src 'self'", res.headers["Content-Security-Policy"])

    def test_every_asset_is_served_byte_for_byte_with_its_type(self):
        types = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                 ".html": "text/html; charset=utf-8"}
        names = sorted(os.listdir(ASSETS))
        self.assertGreater(len([n for n in names if n.endswith(".js")]), 3)
        for name in names:
            with self.subTest(name=name):
                res = self.get("/_emulator/ui/" + name)
                self.assertEqual(res.status, 200, res)
                with open(os.path.join(ASSETS, name), "rb") as f:
                    self.assertEqual(res.body, f.read())
                self.assertEqual(res.headers["Content-Type"], types[os.path.splitext(name)[1]])

    def test_the_page_loads_nothing_from_another_origin(self):
        for name in os.listdir(ASSETS):
            with self.subTest(name=name), open(os.path.join(ASSETS, name), encoding="utf-8") as f:
                text = f.read()
                self.assertIsNone(re.search(r"(src|href)\s*=\s*[\"'](https?:)?//", text), name)
                self.assertIsNone(re.search(r"(import|from)\s*\(?\s*[\"']https?:", text), name)

    def test_unknown_files_and_other_methods_are_refused_in_control_plane_style(self):
        res = self.get("/_emulator/ui/no-such.js")
        self.assertEqual(res.status, 404)
        self.assertEqual(res.json(), {"error": "NotFound", "message": "No dashboard file at /_emulator/ui/no-such.js."})
        res = self.get("/_emulator/ui", method="POST")
        self.assertEqual(res.status, 405)
        self.assertEqual(res.json()["error"], "MethodNotAllowed")
        # /_emulator/uix is not the dashboard's: the control plane answers.
        res = self.get("/_emulator/uix")
        self.assertEqual(res.status, 404)
        self.assertEqual(res.json()["error"], "NotFound")

    def test_the_catalog_is_the_built_in_one(self):
        with open(CATALOG, encoding="utf-8") as f:
            fixture = json.load(f)["instanceTypes"]
        doc = self.emu.control("GET", "/_emulator/catalog")
        self.assertEqual([t["name"] for t in doc["instanceTypes"]], [t["name"] for t in fixture])
        for got, want in zip(doc["instanceTypes"], fixture):
            self.assertEqual(got, want)

    def test_the_catalog_takes_no_parameters_and_no_writes(self):
        res = self.get("/_emulator/catalog?instanceType=ml.m5.xlarge")
        self.assertEqual(res.status, 400)
        self.assertEqual(res.json()["message"], "instanceType: unknown query parameter (this request takes none).")
        res = self.get("/_emulator/catalog", method="PUT")
        self.assertEqual(res.status, 405)
        self.assertEqual(res.json(), {"error": "MethodNotAllowed", "message": "Use GET."})

    def test_health_names_the_default_region(self):
        self.assertEqual(self.emu.health()["region"], "us-east-1")


if __name__ == "__main__":
    unittest.main()
