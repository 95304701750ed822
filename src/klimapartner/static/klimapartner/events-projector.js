// The projector follows the programme's clock by itself: everything shown is worked out from the
// programme (sent with the page) and the current time, so a reload lands on the same round.
(function () {
  "use strict";
  var root = document.getElementById("projector");
  var items = JSON.parse(document.getElementById("programme").textContent).map(function (item) {
    return { title: item.title, round: item.round, start: Date.parse(item.start), end: Date.parse(item.end), when: item.when };
  });
  var FAR = 12 * 3600 * 1000;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    var h = Math.floor(s / 3600);
    return (h ? h + ":" + pad(Math.floor(s / 60) % 60) : Math.floor(s / 60)) + ":" + pad(s % 60);
  }

  function state(now) {
    for (var i = 0; i < items.length; i++) {
      if (now < items[i].start) return { item: items[i], before: true, next: items[i] };
      if (now < items[i].end) return { item: items[i], before: false, next: items[i + 1] };
    }
    return null;
  }

  function shownRound(s) {
    if (!s) return null;
    if (s.item.round) return s.item.round;
    // During a talk or a break, show the next round's tables so people can find their seat.
    for (var i = items.indexOf(s.item); i < items.length; i++) if (items[i].round) return items[i].round;
    return null;
  }

  function tick() {
    var now = Date.now();
    var s = state(now);
    var current = document.getElementById("current");
    var countdown = document.getElementById("countdown");
    var next = document.getElementById("next");
    if (!s) {
      current.textContent = root.dataset.over;
      countdown.textContent = "";
      next.textContent = "";
    } else {
      var wait = s.item.start - now;
      if (s.before && wait > FAR) {
        // Days ahead a countdown means nothing ("1708:00:10"): say when it starts instead.
        current.textContent = s.item.title + " · " + root.dataset.later;
        countdown.textContent = s.item.when;
      } else {
        current.textContent = s.item.title + " · " + (s.before ? root.dataset.before : root.dataset.left);
        countdown.textContent = clock(s.before ? wait : s.item.end - now);
      }
      next.textContent = s.next && s.next !== s.item ? root.dataset.next + ": " + s.next.title : "";
    }
    var round = shownRound(s);
    document.querySelectorAll(".round").forEach(function (section) {
      section.hidden = String(round) !== section.dataset.round;
    });
    root.dataset.shownRound = round || "";
  }

  tick();
  setInterval(tick, 1000);
  document.body.addEventListener("htmx:afterSwap", tick);
})();
