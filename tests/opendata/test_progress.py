"""The public progress page: its figures and the tables behind every chart count only what is public."""

import re

from django.urls import reverse


def figures(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-value="([a-z-]+)">([^<]*)<', page))


def table(page: str, testid: str) -> list[list[str]]:
    body = re.search(rf'data-testid="{testid}">.*?<tbody>(.*?)</tbody>', page, re.S).group(1)
    return [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_the_figures_count_the_public_actions_activities_stories_and_collaborations(client, programme):
    response = client.get(reverse("progress"))
    assert response.status_code == 200
    page = response.content.decode()
    assert {k: v for k, v in figures(page).items() if k != "expected"} == {
        "actions": "4", "days": "1", "activities": "3", "stories": "1", "collaborations": "1"}
    assert "1 partnerskabsdag holdt, med 2 deltagere" in " ".join(re.sub(r"<[^>]+>", "", page).split())
    # 2024: the partnership day by invitation, the network meeting and the bakery's open house (for citizens);
    # the partner's story in September
    assert table(page, "activities") == [["2024", "3", "1", "1", "1"]]
    assert table(page, "growth")[0] == ["2024", "1", "1", "2", "100"]
    assert [row[:2] for row in table(page, "actions")] == [
        ["Planlagt", "0"], ["I gang", "2"], ["Gennemført", "2"], ["Opgivet", "0"]]


def test_the_progress_page_is_in_english_too(client, programme):
    page = client.get("/en/fremskridt/").content.decode()
    assert "Activities and climate stories" in page
    assert table(page, "activities") == [["2024", "3", "1", "1", "1"]]
