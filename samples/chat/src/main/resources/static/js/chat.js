// The chat page: joins a room over WAMP v1 with the wamp.js client served next to it.
import { connect, CONNECTION_LOST } from "./wamp.js";

const $ = (id) => document.getElementById(id);

let session = null;
let joining = null;
let room = null;
let nick = null;
let countdown = null;

function webSocketUrl(nickname) {
	const scheme = location.protocol === "https:" ? "wss" : "ws";
	return `${scheme}://${location.host}/ws?nick=${encodeURIComponent(nickname)}`;
}

function setStatus(text, state) {
	const status = $("status");
	status.textContent = text;
	status.dataset.state = state;
}

function showError(text) {
	$("error").textContent = text;
}

function showCallError(error) {
	showError(error.uri === CONNECTION_LOST ? "Not connected to the server: nothing was sent." : (error.desc || error.uri || String(error)));
}

function stopCountdown() {
	if (countdown !== null) {
		clearInterval(countdown);
		countdown = null;
	}
}

function onOpen(current) {
	stopCountdown();
	setStatus(`Connected as ${nick} in room ${room} (session ${current.id.substring(0, 8)}…)`, "connected");
	showError("");
	setComposeEnabled(true);
}

function onClose({ retrying, delay }) {
	stopCountdown();
	setComposeEnabled(false);
	if (!retrying) {
		setStatus("Disconnected.", "disconnected");
		return;
	}
	const retryAt = Date.now() + delay;
	const tick = () => {
		const seconds = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
		setStatus(`Disconnected, retrying in ${seconds}s…`, "disconnected");
	};
	tick();
	countdown = setInterval(tick, 250);
}

function setComposeEnabled(enabled) {
	$("message").disabled = !enabled;
	$("send").disabled = !enabled;
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

function onRoomEvent(event) {
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

function onPresence(event) {
	const who = event.nick || event.session;
	const entry = document.createElement("li");
	entry.textContent = `${who} ${event.action === "joined" ? "joined" : "left"} (${event.count} here)`;
	$("presence-log").prepend(entry);
	if (Array.isArray(event.members)) {
		const list = $("presence");
		list.replaceChildren(...event.members.map((member) => {
			const item = document.createElement("li");
			item.textContent = member.nick;
			if (session !== null && member.session === session.id) {
				item.className = "me";
			}
			return item;
		}));
	}
}

function onClock(event) {
	const time = new Date(event.time);
	const clock = $("clock");
	clock.dateTime = event.time;
	clock.textContent = time.toLocaleTimeString();
}

async function join(event) {
	event.preventDefault();
	nick = $("nick").value.trim();
	room = $("room").value.trim();
	if (!nick || !room) {
		showError("Pick a nickname and a room.");
		return;
	}
	localStorage.setItem("chat.nick", nick);
	localStorage.setItem("chat.room", room);
	if (joining !== null) {
		joining.abort();
	}
	if (session !== null) {
		session.close();
		session = null;
	}
	$("messages").replaceChildren();
	$("presence").replaceChildren();
	$("presence-log").replaceChildren();
	$("room-title").textContent = `Messages in ${room}`;
	setStatus("Connecting…", "connecting");
	joining = new AbortController();
	let current;
	try {
		current = await connect(webSocketUrl(nick),
			{ onOpen, onClose, reconnect: { initialDelay: 1000, maxDelay: 15000 }, signal: joining.signal });
	}
	catch (error) {
		return; // a later Join replaced this one
	}
	joining = null;
	session = current;
	current.subscribe(`chat/${room}`, onRoomEvent);
	current.subscribe("sample/clock", onClock);
}

function send(event) {
	event.preventDefault();
	const input = $("message");
	const text = input.value.trim();
	if (!text || session === null) {
		return;
	}
	if (session.publish(`chat/${room}`, { type: "message", nick, text })) {
		input.value = "";
	}
	else {
		showError("Not connected: the message was not sent.");
	}
}

async function sum(event) {
	event.preventDefault();
	const words = $("sum-input").value.split(/[\s,;+]+/).filter((word) => word.length > 0);
	const numbers = words.map(Number);
	if (numbers.length === 0 || numbers.some((number) => Number.isNaN(number))) {
		showError("Enter numbers separated by spaces or commas.");
		return;
	}
	if (session === null) {
		showError("Not connected: join a room first.");
		return;
	}
	try {
		$("sum-result").textContent = String(await session.call("sample/sum", ...numbers));
		showError("");
	}
	catch (error) {
		$("sum-result").textContent = "–";
		showCallError(error);
	}
}

async function fail() {
	if (session === null) {
		showError("Not connected: join a room first.");
		return;
	}
	try {
		await session.call("sample/fail");
	}
	catch (error) {
		showCallError(error);
	}
}

$("nick").value = localStorage.getItem("chat.nick") || `guest-${Math.floor(Math.random() * 9000 + 1000)}`;
$("room").value = localStorage.getItem("chat.room") || $("room").value;
$("join-form").addEventListener("submit", join);
$("message-form").addEventListener("submit", send);
$("sum-form").addEventListener("submit", sum);
$("fail-button").addEventListener("click", fail);
