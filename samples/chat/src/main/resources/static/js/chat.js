// The chat page, written the AutobahnJS 0.8 way: the classic script /wamp-client/ab.js (served
// by the starter) defines the global `ab`; this page uses ab.connect, session.call(...).then,
// session.subscribe(topic, (topic, event) => ...) and WAMP-CRA's authreq / authsign / auth.
const ab = globalThis.ab;

const $ = (id) => document.getElementById(id);

// the controls that need a session: disabled until joined and while disconnected
const SESSION_CONTROLS = ["leave", "message", "send", "sum-input", "sum-button", "fail-button", "auth-key", "auth-secret", "login"];

let session = null;
let generation = 0;
let room = null;
let nick = null;
let countdown = null;
const members = new Map();

function webSocketUrl(nickname) {
	const scheme = location.protocol === "https:" ? "wss" : "ws";
	return `${scheme}://${location.host}/ws?nick=${encodeURIComponent(nickname)}`;
}

function setStatus(text, state) {
	const status = $("status");
	status.textContent = text;
	status.dataset.state = state;
	// what the page shows from the server is stale while disconnected: grey it out
	const stale = state !== "connected";
	$("presence-panel").classList.toggle("stale", stale);
	$("clock-line").classList.toggle("stale", stale);
}

function showError(text) {
	$("error").textContent = text;
}

function showCallError(error) {
	showError(error && error.uri === "wamp.js#connection-lost" ? "Not connected to the server: nothing was sent."
		: (error && (error.desc || error.uri)) || String(error));
}

function stopCountdown() {
	if (countdown !== null) {
		clearInterval(countdown);
		countdown = null;
	}
}

function setControlsEnabled(enabled) {
	for (const id of SESSION_CONTROLS) {
		$(id).disabled = !enabled;
	}
}

function addMessage(className, author, text) {
	const item = document.createElement("li");
	item.className = className;
	const time = document.createElement("time");
	time.textContent = new Date().toLocaleTimeString();
	item.append(time);
	if (author) {
		const who = document.createElement("strong");
		who.textContent = author;
		item.append(who);
	}
	const body = document.createElement("span");
	body.textContent = text;
	item.append(body);
	const list = $("messages");
	list.append(item);
	list.scrollTop = list.scrollHeight;
}

function onRoomEvent(topic, event) {
	if (event !== null && typeof event === "object" && event.type === "presence") {
		onPresence(event);
	}
	else if (event !== null && typeof event === "object" && typeof event.text === "string") {
		addMessage("message", event.nick || "server", event.text);
	}
	else {
		addMessage("message", "server", JSON.stringify(event));
	}
}

// The newcomer gets the member list once; after it, only who joined or left.
function onPresence(event) {
	if (Array.isArray(event.members)) {
		members.clear();
		for (const member of event.members) {
			members.set(member.session, member.nick);
		}
	}
	else if (event.action === "joined") {
		members.set(event.session, event.nick);
	}
	else if (event.action === "left") {
		members.delete(event.session);
	}
	if (event.session !== (session && session.sessionid())) {
		const entry = document.createElement("li");
		entry.textContent = `${event.nick} ${event.action === "joined" ? "joined" : "left"}`;
		$("presence-log").prepend(entry);
	}
	renderMembers();
}

function renderMembers() {
	const me = session && session.sessionid();
	const sorted = [...members.entries()].sort((a, b) => a[1].localeCompare(b[1]));
	$("presence").replaceChildren(...sorted.map(([id, name]) => {
		const item = document.createElement("li");
		item.textContent = name;
		if (id === me) {
			item.className = "me";
		}
		return item;
	}));
	$("presence-count").textContent = members.size > 0 ? `(${members.size})` : "";
}

function onClock(topic, event) {
	const clock = $("clock");
	clock.dateTime = event.time;
	clock.textContent = new Date(event.time).toLocaleTimeString();
}

function join(event) {
	event.preventDefault();
	const newNick = $("nick").value.trim();
	const newRoom = $("room").value.trim();
	if (!newNick || !newRoom || !$("room").checkValidity()) {
		showError("Pick a nickname and a room (letters, digits, - and _).");
		return;
	}
	nick = newNick;
	room = newRoom;
	localStorage.setItem("chat.nick", nick);
	localStorage.setItem("chat.room", room);
	leave();
	members.clear();
	renderMembers();
	$("messages").replaceChildren();
	$("presence-log").replaceChildren();
	$("room-title").textContent = `Messages in ${room}`;
	setStatus("Connecting…", "connecting");
	const mine = ++generation;
	ab.connect(webSocketUrl(nick), (current) => {
		if (mine !== generation) {
			current.close();
			return;
		}
		onConnect(current);
	}, (code, reason, detail) => (mine === generation ? onHangup(code, reason, detail) : true), { retryDelay: 2000, maxRetries: 1000 });
}

// After the first WELCOME and after every reconnect: a new session, so subscribe again.
function onConnect(current) {
	stopCountdown();
	session = current;
	setStatus(`Connected as ${nick} in room ${room}`, "connected");
	$("session-id").textContent = current.sessionid();
	$("whoami").textContent = "–";
	showError("");
	setControlsEnabled(true);
	members.clear();
	current.subscribe(`chat/${room}`, onRoomEvent);
	current.subscribe("sample/clock", onClock);
}

function onHangup(code, reason, detail) {
	session = null;
	stopCountdown();
	setControlsEnabled(false);
	$("session-id").textContent = "–";
	if (code === ab.CONNECTION_LOST_SCHEDULED_RECONNECT || code === ab.CONNECTION_UNREACHABLE_SCHEDULED_RECONNECT) {
		const retryAt = Date.now() + detail.delay;
		const tick = () => {
			const seconds = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
			setStatus(`Disconnected, retrying in ${seconds}s…`, "disconnected");
		};
		tick();
		countdown = setInterval(tick, 250);
	}
	else if (code === ab.CONNECTION_CLOSED) {
		members.clear();
		renderMembers();
		setStatus(`You left room ${room}.`, "idle");
	}
	else if (code === ab.CONNECTION_UNREACHABLE) {
		setStatus("Could not connect to the server.", "disconnected");
	}
	else {
		setStatus("Disconnected: the server could not be reached again.", "disconnected");
	}
}

function leave() {
	if (session !== null) {
		session.close();
	}
}

function send(event) {
	event.preventDefault();
	const input = $("message");
	const text = input.value.trim();
	if (!text || session === null) {
		return;
	}
	try {
		session.publish(`chat/${room}`, { type: "message", nick, text });
		input.value = "";
	}
	catch (error) {
		showError("Not connected: the message was not sent.");
	}
}

function sum(event) {
	event.preventDefault();
	const words = $("sum-input").value.split(/[\s,;+]+/).filter((word) => word.length > 0);
	const numbers = words.map(Number);
	if (numbers.length === 0 || numbers.some((number) => Number.isNaN(number))) {
		$("sum-result").textContent = "–";
		showError("Enter numbers separated by spaces or commas.");
		return;
	}
	if (session === null) {
		showError("Not connected to the server: nothing was sent.");
		return;
	}
	$("sum-result").textContent = "…";
	session.call("sample/sum", ...numbers).then((result) => {
		$("sum-result").textContent = String(result);
		showError("");
	}, (error) => {
		$("sum-result").textContent = "–";
		showCallError(error);
	});
}

function fail() {
	if (session === null) {
		return;
	}
	session.call("sample/fail").then(() => showError(""), showCallError);
}

// WAMP-CRA as AutobahnJS 0.8 front ends write it; an empty auth key logs in anonymously.
function login(event) {
	event.preventDefault();
	const current = session;
	if (current === null) {
		return;
	}
	const authKey = $("auth-key").value.trim() || null;
	const secret = $("auth-secret").value;
	current.authreq(authKey).then((challenge) => {
		if (authKey === null) {
			return current.auth();
		}
		const extra = JSON.parse(challenge).authextra;
		return current.auth(current.authsign(challenge, extra ? ab.deriveKey(secret, extra) : secret));
	}).then(() => current.call("sample/whoami")).then((who) => {
		$("whoami").textContent = who === null ? "anonymous" : who;
		$("auth-secret").value = "";
		showError("");
	}, (error) => {
		$("whoami").textContent = "–";
		showCallError(error);
	});
}

$("nick").value = localStorage.getItem("chat.nick") || `guest-${Math.floor(Math.random() * 9000 + 1000)}`;
$("room").value = localStorage.getItem("chat.room") || $("room").value;
$("join-form").addEventListener("submit", join);
$("leave").addEventListener("click", leave);
$("message-form").addEventListener("submit", send);
$("sum-form").addEventListener("submit", sum);
$("fail-button").addEventListener("click", fail);
$("login-form").addEventListener("submit", login);
