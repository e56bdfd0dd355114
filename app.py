"""Entry point: page set-up, the language switch and navigation between the wizard's steps."""

import logging

import streamlit as st

import ui
from porting import logs, settings
from porting.i18n import LANGUAGES, t
from ui import errors, history
from ui.focus import show_focus
from ui.page_language import page_language
from ui.wizard import demo, drafts, flow, share

_log = logging.getLogger("app")
logs.configure()  # once per server process; later runs change nothing
ui.freeze_loaded()  # once per server process too, after the imports above
request = ui.request()
with errors.caught("app"):  # the pages have their own guard (flow.run); this one is for the rest
    share.apply_link(request)
    st.set_page_config(page_title=ui.text("app.title"), page_icon="assets/icon.svg", layout="wide")
    st.logo("assets/icon.svg")
    show_focus()
    drafts.apply_link(request)  # before the widgets are drawn, so they show the resumed request

    with st.sidebar:
        ui.keep_widget("language", request.language)
        request.language = st.selectbox(
            ui.text("language.label"),
            options=LANGUAGES,
            format_func=lambda language: t("language.name", language),
            key="language",
        )
        page_language(request.language)  # the page's lang attribute, as early as the language is known

    try:
        settings.load()  # every setting, checked at each run (read once, then cached)
    except settings.SettingsError as error:
        _log.error("the app does not start: %s", logs.scrub(str(error)))
        problems = "\n".join(f"- {ui.plain(message)}" for message in error.messages(request.language))
        st.error(
            f"**{ui.text('settings.heading')}**\n\n{problems}\n\n{ui.text('settings.fix')}",
            icon=":material/settings:",
        )
        st.stop()

    demo.sidebar_button(request)
    if flow.run(request, keep=drafts.autosave):  # a step of the wizard, not the status page or the console
        drafts.sidebar_control(request)
    share.update_link(request, drafts.address(request))  # the draft's token stays until it is submitted
    with st.sidebar:
        history.one_entry_per_page()
